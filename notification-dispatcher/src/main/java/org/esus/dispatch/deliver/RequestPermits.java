package org.esus.dispatch.deliver;

import java.util.ArrayDeque;

/**
 * Bounds the POSTs in flight across all subscriptions. The JDK HttpClient opens one HTTP/1.1
 * connection per concurrent request, so a fan-out to thousands of subscriptions would otherwise
 * open thousands of sockets at once. An attempt over the bound waits in FIFO order, without a
 * thread, until one in flight finishes; its read timeout starts when it is actually sent.
 */
final class RequestPermits {

    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    RequestPermits(int max) {
        this.max = Math.max(1, max);
    }

    /** Runs {@code send} now or once a permit is free; {@code send} must lead to one {@link #release()}. */
    void submit(Runnable send) {
        synchronized (this) {
            if (inFlight >= max) {
                waiting.addLast(send);
                return;
            }
            inFlight++;
        }
        send.run();
    }

    /** Hands the permit to the next waiting attempt, if any. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
