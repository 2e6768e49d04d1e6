package org.esus.common.events;

import java.time.Instant;

/**
 * booking-service's decision about one slot for one appointment, on {@link Topics#SLOT_CLAIMS}
 * (key: slot id). slot-service applies CLAIMED and RELEASED to Slot.status; REJECTED changes
 * nothing but travels on the same topic so the requester learns of it.
 *
 * @param decisionId   unique per decision, stable across re-delivery (consumers deduplicate on it)
 * @param slotId       the Slot, also the record key
 * @param appointmentId the Appointment the decision is about
 * @param outcome      what was decided
 * @param activeClaims how many active appointments hold the slot after this decision
 * @param decidedAt    when the booking-service decided
 */
public record SlotClaimDecision(
        String decisionId,
        String slotId,
        String appointmentId,
        Outcome outcome,
        int activeClaims,
        Instant decidedAt) {

    public enum Outcome {
        CLAIMED,
        RELEASED,
        REJECTED
    }
}
