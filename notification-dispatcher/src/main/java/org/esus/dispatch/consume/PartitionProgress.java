package org.esus.dispatch.consume;

import java.util.TreeSet;

/**
 * What this replica received and finished of one assigned partition. The committable offset is
 * the lowest one not yet finished (or the one after the last received when all are finished):
 * committing no further than that is what makes delivery at least once, since a replica that
 * takes the partition over after a crash starts there and re-sends the unfinished ones.
 * Workers finish offsets from any thread, the poll thread reads; hence the lock.
 */
public final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;
    private volatile boolean revoked;

    synchronized void received(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    public synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    synchronized int buffered() {
        return unfinished.size();
    }

    /** The offset to commit when it moved since the last call, else -1. */
    synchronized long advance() {
        if (next < 0) {
            return -1;
        }
        long committable = unfinished.isEmpty() ? next : unfinished.first();
        if (committable == committed) {
            return -1;
        }
        committed = committable;
        return committable;
    }

    /** False once the partition went to another replica (or this one stops): its work is dropped. */
    public boolean owned() {
        return !revoked;
    }

    void revoke() {
        revoked = true;
    }
}
