package org.esus.common.outbox;

/** Fired when a transaction appended to the outbox; observed after commit to wake the relay. */
public final class OutboxWritten {

    static final OutboxWritten INSTANCE = new OutboxWritten();

    private OutboxWritten() {
    }
}
