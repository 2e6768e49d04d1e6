package org.esus.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.testsupport.WebhookReceiver.Received;
import org.esus.testsupport.WebhookReceiver;

/**
 * Invariant 4 over what one subscriber's endpoint received: every Slot event that matched has a
 * notification (at least once), a notification tried again keeps its webhook-id, and each slot's
 * versions first arrived in change order.
 */
final class DeliveryAudit {

    private final Map<String, String> webhookIdOf = new HashMap<>();
    private final Map<String, Long> lastFirstArrival = new HashMap<>();
    private final List<String> breaks = new ArrayList<>();

    private DeliveryAudit(List<Received> received) {
        for (Received request : received) {
            JsonNode slot = EventJson.tree(request.bodyText()).path("entry").path(0).path("resource");
            String slotId = slot.path("id").asText();
            long version = slot.path("meta").path("versionId").asLong();
            String key = slotId + "/" + version;
            String firstId = webhookIdOf.putIfAbsent(key, request.header("webhook-id"));
            if (firstId == null) {
                Long last = lastFirstArrival.put(slotId, version);
                if (last != null && last > version) {
                    breaks.add("Slot/" + slotId + " version " + version + " first arrived after version " + last);
                }
            } else if (!firstId.equals(request.header("webhook-id"))) {
                breaks.add("Slot/" + key + " arrived with two webhook-ids: " + firstId + ", " + request.header("webhook-id"));
            }
        }
    }

    /** The breaks of invariant 4 for these events (every one expected to match) and these arrivals. */
    static List<String> check(Map<String, List<SlotChanged>> events, List<Received> received) {
        DeliveryAudit audit = new DeliveryAudit(received);
        events.forEach((slotId, changes) -> {
            for (SlotChanged change : changes) {
                if (change.changeType() != SlotChanged.ChangeType.DELETED
                        && !audit.webhookIdOf.containsKey(slotId + "/" + change.version())) {
                    audit.breaks.add("Slot/" + slotId + " version " + change.version() + " (event " + change.eventId()
                            + ") never delivered");
                }
            }
        });
        return audit.breaks;
    }

    /** How many distinct slot versions arrived. */
    static int distinctVersions(List<Received> received) {
        return new DeliveryAudit(received).webhookIdOf.size();
    }

    /**
     * Waits (at most {@code timeout}) until a notification of every event has arrived at the
     * endpoint, then returns what breaks invariant 4.
     */
    static List<String> awaitAll(Supplier<List<Received>> received, Map<String, List<SlotChanged>> events,
            Duration timeout) throws InterruptedException {
        long expected = events.values().stream().flatMap(List::stream)
                .filter(e -> e.changeType() != SlotChanged.ChangeType.DELETED).map(e -> e.slotId() + "/" + e.version())
                .distinct().count();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (new DeliveryAudit(received.get()).webhookIdOf.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return check(events, received.get());
    }
}
