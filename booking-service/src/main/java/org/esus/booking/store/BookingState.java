package org.esus.booking.store;

/** Where a booked appointment's claims stand. Rows exist only for appointments whose claims were granted. */
public enum BookingState {
    /** Every slot claimed: the appointment is booked. */
    BOOKED,
    /** Cancelled by a client; the release of its claims is not yet confirmed. */
    CANCELLING,
    /** Cancelled and released. */
    CANCELLED
}
