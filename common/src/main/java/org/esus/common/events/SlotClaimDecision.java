package org.esus.common.events;

import java.time.Instant;

/**
 * booking-service's decision about one slot for one appointment, on {@link Topics#SLOT_CLAIMS}
 * (key: slot id). It answers one {@link ClaimCommand}: its id is the command's id, so the
 * requester finds its answer and a re-delivered decision is recognised by every consumer. The
 * one exception is a reservation that lapsed (UNRESERVED, reason EXPIRED), which no command asked
 * for: its id is a name-based UUID of the slot, the appointment and the deadline, so a replay
 * repeats it.
 * The claim store is the single writer of a slot's claim status: the decision carries the
 * status the slot has after it ({@code slotStatus}), and slot-service writes that on CLAIMED and
 * RELEASED instead of deriving it again. The other outcomes change no slot but travel on the same
 * topic so the requester learns of them.
 *
 * @param decisionId    the id of the command it answers (derived for EXPIRED); consumers deduplicate on it
 * @param slotId        the Slot, also the record key
 * @param appointmentId the Appointment the decision is about
 * @param outcome       what was decided
 * @param reason        why a claim was REJECTED, or EXPIRED for a reservation that lapsed
 *                      (UNRESERVED); null otherwise
 * @param activeClaims  how many appointments hold a confirmed claim on the slot after this decision
 * @param slotStatus    Slot.status after this decision as the claim store sees it: {@code busy} once
 *                      claimed, {@code free} after the last release, else the status it had
 * @param slotStart     the slot's start as booking-service knows it, null for an unknown slot
 * @param slotEnd       the slot's end as booking-service knows it, null for an unknown slot
 * @param decidedAt     when booking-service decided
 * @param appointment   on CLAIMED decisions: the Appointment its command carried (see {@link AppointmentDraft})
 */
public record SlotClaimDecision(
        String decisionId,
        String slotId,
        String appointmentId,
        Outcome outcome,
        Reason reason,
        int activeClaims,
        String slotStatus,
        Instant slotStart,
        Instant slotEnd,
        Instant decidedAt,
        AppointmentDraft appointment) {

    public enum Outcome {
        /** The appointment holds the slot: a free slot turns busy. */
        CLAIMED,
        /** The appointment holds the slot provisionally (first phase of a multi-slot booking). */
        RESERVED,
        /** The appointment's claim is gone: the slot turns free when {@code activeClaims} is 0. */
        RELEASED,
        /** The appointment's reservation is gone, or it held nothing: the slot is unchanged. */
        UNRESERVED,
        /** The claim or reservation was refused; see {@link Reason}. */
        REJECTED
    }

    public enum Reason {
        /** The slot is busy (and not overbooked), busy-unavailable or entered-in-error. */
        UNAVAILABLE,
        /** booking-service has never heard of the slot, or it was deleted. */
        UNKNOWN_SLOT,
        /** A confirm arrived for a reservation the appointment does not hold. */
        NOT_RESERVED,
        /**
         * With UNRESERVED, not a refusal: the reservation was not confirmed by its deadline and the
         * claim store dropped it on its own, so the slot is open to other appointments again and a
         * later confirm of it is REJECTED with NOT_RESERVED.
         */
        EXPIRED
    }

    public boolean holds() {
        return outcome == Outcome.CLAIMED || outcome == Outcome.RESERVED;
    }
}
