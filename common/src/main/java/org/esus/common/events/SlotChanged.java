package org.esus.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.esus.common.search.SlotFacts;

/**
 * A committed change to a Slot, as slot-service publishes it on {@link Topics#SLOT_EVENTS}
 * (key: slot id). It carries the Slot JSON and its Schedule's actor references so that
 * nobody downstream has to look the Schedule up to match {@code schedule.actor}.
 *
 * <p>Delivery is at least once: a relay that dies between publishing and marking an event
 * sent publishes it again with the same {@code eventId}; consumers deduplicate on it (or on
 * {@code slotId} + {@code version}).
 *
 * @param eventId    unique per change, stable across re-publication
 * @param changeType what happened to the slot
 * @param slotId     the Slot's id, also the record key
 * @param version    the Slot's meta.versionId after the change
 * @param scheduleId the id of the Schedule the Slot belongs to
 * @param actors     the Schedule's actor references ({@code Practitioner/x}) at the time
 * @param occurredAt when the change was committed (the Slot's meta.lastUpdated)
 * @param slot       the Slot resource as FHIR JSON, as stored after the change
 * @param claimDecisionId the {@link SlotClaimDecision} this change applies, or null when a
 *                   client changed the slot; booking-service already knows the effect of its own
 *                   decisions and must not let such an echo, arriving late, overwrite newer ones
 * @param facts      the values Slot search and Subscription criteria read ({@link SlotFacts}), as
 *                   slot-service stored them with the change, so the matcher evaluates criteria
 *                   without parsing the Slot; null in events published before it was added
 */
public record SlotChanged(
        String eventId,
        ChangeType changeType,
        String slotId,
        long version,
        String scheduleId,
        List<String> actors,
        Instant occurredAt,
        JsonNode slot,
        String claimDecisionId,
        SlotFacts facts) {

    public enum ChangeType {
        CREATED,
        UPDATED,
        DELETED,
        /** The Slot is unchanged but its Schedule's actors changed, which changes what it matches. */
        SCHEDULE_CHANGED
    }
}
