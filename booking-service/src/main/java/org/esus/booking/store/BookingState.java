package org.esus.booking.store;

/**
 * Where an appointment is in the claim protocol. Only BOOKED, CANCELLING and CANCELLED
 * appointments exist for clients; the others are claims in flight or being undone.
 */
public enum BookingState {
    /** Commands sent, decisions awaited by the request that created it. */
    CLAIMING,
    /** Every slot claimed: the appointment is booked. */
    BOOKED,
    /** The request gave up waiting (or died); the reconciler is releasing whatever it holds. */
    ABANDONING,
    /** Cancelled by a client; the release of its claims is not yet confirmed. */
    CANCELLING,
    /** Cancelled and released. */
    CANCELLED;

    public boolean visible() {
        return this == BOOKED || this == CANCELLING || this == CANCELLED;
    }
}
