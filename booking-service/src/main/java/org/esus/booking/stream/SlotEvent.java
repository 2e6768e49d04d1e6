package org.esus.booking.stream;

import org.esus.common.events.SlotChanged;

/**
 * The part of a {@link SlotChanged} on esus.slot.events that the claim store reads. The claim
 * topology deserializes this view instead of the whole event, so the Slot's other elements, the
 * Schedule's actors and the search facts are skipped rather than built into trees on the stream
 * thread.
 *
 * @param slot the Slot elements the conflict rules read; dates as FHIR wrote them
 */
public record SlotEvent(SlotChanged.ChangeType changeType, long version, String claimDecisionId, Fields slot) {

    public record Fields(String status, boolean overbooked, String start, String end) {
    }

    public SlotEvent {
        slot = slot == null ? new Fields(null, false, null, null) : slot;
    }
}
