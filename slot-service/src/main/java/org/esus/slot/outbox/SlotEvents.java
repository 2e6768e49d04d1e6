package org.esus.slot.outbox;

import java.util.Arrays;
import java.util.List;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.Topics;
import org.esus.common.fhir.FhirIds;
import org.esus.common.outbox.Outbox;
import org.esus.common.search.SlotFacts;
import org.esus.common.search.TokenValue;
import org.esus.slot.store.TokenColumns;
import org.esus.slot.store.SlotEntity;

/** Builds the SlotChanged event of a stored Slot, and writes events to the outbox. */
public final class SlotEvents {

    private SlotEvents() {
    }

    public static SlotChanged of(SlotEntity slot, List<String> actors, ChangeType type) {
        return of(slot, actors, type, null);
    }

    /** The event of a change that applies booking-service's decision {@code claimDecisionId}. */
    public static SlotChanged of(SlotEntity slot, List<String> actors, ChangeType type, String claimDecisionId) {
        return new SlotChanged(FhirIds.newId(), type, slot.id.toString(), slot.versionId,
                slot.scheduleId.toString(), List.copyOf(actors), slot.lastUpdated, EventJson.tree(slot.resource),
                claimDecisionId, facts(slot, actors));
    }

    /**
     * Adds the events to the outbox (esus.slot.events, key: slot id) in the caller's transaction;
     * the caller holds the row lock of each slot, so its events follow commit order.
     */
    public static void append(Outbox outbox, List<SlotChanged> events) {
        for (SlotChanged event : events) {
            outbox.add(Topics.SLOT_EVENTS, event.slotId(), event.eventId(), EventJson.write(event));
        }
    }

    /** The search values of the stored row: the same columns SQL search reads, so both sides agree. */
    private static SlotFacts facts(SlotEntity slot, List<String> actors) {
        return new SlotFacts(slot.id.toString(), tokens(slot.identifiers), slot.scheduleId.toString(), actors, slot.status,
                slot.start, slot.lastUpdated, tokens(slot.serviceTypes), tokens(slot.specialties),
                tokens(slot.appointmentTypes));
    }

    private static List<TokenValue> tokens(String[] column) {
        return column == null ? List.of() : Arrays.stream(column).map(TokenColumns::decode).toList();
    }
}
