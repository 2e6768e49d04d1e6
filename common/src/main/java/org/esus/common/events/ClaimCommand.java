package org.esus.common.events;

import java.time.Instant;

/**
 * What booking-service asks of the claim store about one slot, on {@link Topics#BOOKING_COMMANDS}
 * (key: slot id, so every command about a slot is decided in order by one stream task). Each
 * command is answered by exactly one {@link SlotClaimDecision} with {@code decisionId == commandId}.
 *
 * @param commandId     unique per command; a re-sent command keeps its id
 * @param slotId        the Slot, also the record key
 * @param appointmentId the Appointment on whose behalf it is asked
 * @param action        what is asked
 * @param issuedAt      when it was asked
 * @param expiresAt     for a RESERVE, when the reservation lapses if not confirmed by then; null
 *                      for the claim store's default (decision time + esus.booking.reservation-ttl)
 *                      and for the other actions, which ignore it
 * @param appointment   on CLAIM and CONFIRM: the Appointment being booked, copied onto the
 *                      decision for the appointment projection; null otherwise
 */
public record ClaimCommand(
        String commandId,
        String slotId,
        String appointmentId,
        Action action,
        Instant issuedAt,
        Instant expiresAt,
        AppointmentDraft appointment) {

    /** A command with the claim store's default reservation deadline and no appointment. */
    public ClaimCommand(String commandId, String slotId, String appointmentId, Action action, Instant issuedAt) {
        this(commandId, slotId, appointmentId, action, issuedAt, null, null);
    }

    public enum Action {
        /** Hold the slot for a single-slot appointment: CLAIMED or REJECTED. */
        CLAIM,
        /**
         * Hold the slot provisionally for a multi-slot appointment: RESERVED or REJECTED. A
         * reservation not confirmed by its deadline lapses (UNRESERVED, reason EXPIRED).
         */
        RESERVE,
        /** Turn the appointment's reservation into a claim: CLAIMED, or REJECTED if it holds none. */
        CONFIRM,
        /** Drop whatever the appointment holds on the slot: RELEASED or UNRESERVED. */
        RELEASE
    }
}
