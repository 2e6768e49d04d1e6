package org.esus.booking.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;

/** The slot events and booking commands the claim store tests feed it. */
final class ClaimFixtures {

    static final String SLOT = "5b2f6c1e-0000-4000-8000-000000000001";
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** The start and end every {@link #slotEvent} carries. */
    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    static final Instant END = Instant.parse("2026-12-07T09:15:00Z");

    private ClaimFixtures() {
    }

    /** A command with a new id, as booking-service sends it. */
    static ClaimCommand command(String slotId, String appointment, Action action) {
        return new ClaimCommand(UUID.randomUUID().toString(), slotId, appointment, action, NOW);
    }

    /**
     * A slot event as slot-service publishes it; {@code decisionId} is the claim decision the change
     * applies, null for a change made by a client.
     */
    static SlotChanged slotEvent(String slotId, long version, ChangeType type, String status, boolean overbooked,
            String decisionId) {
        var slot = JsonNodeFactory.instance.objectNode().put("resourceType", "Slot").put("id", slotId)
                .put("status", status).put("overbooked", overbooked)
                .put("start", START.toString()).put("end", END.toString());
        return new SlotChanged(UUID.randomUUID().toString(), type, slotId, version, "s", List.of(), NOW, slot, decisionId, null);
    }

    /** The claim store's view of a slot event, as the topology reads it off the topic. */
    static SlotEvent viewOf(SlotChanged event) {
        return EventJson.read(EventJson.write(event), SlotEvent.class);
    }
}
