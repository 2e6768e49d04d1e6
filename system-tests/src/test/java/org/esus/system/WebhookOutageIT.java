package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.testsupport.WebhookReceiver.Received;
import org.esus.system.stack.EsusStack;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * A subscriber's endpoint down for 30 s (connections refused) while its slots keep changing: the
 * dispatcher's retries (esus.dispatch.* defaults: about 40-80 s before a notification is given up)
 * outlast the outage, so once the endpoint is back every change arrives, in change order per
 * slot, and the Subscription stays active. Another subscriber meanwhile hears of its changes.
 */
class WebhookOutageIT {

    @Test
    void anEndpointDownForThirtySecondsGetsEveryNotificationAfterwards() throws Exception {
        EsusStack stack = EsusStack.shared();
        SystemFixtures fixtures = new SystemFixtures(stack);
        WebhookReceiver first = new WebhookReceiver();
        int port = first.port();
        try (WebhookReceiver other = new WebhookReceiver()) {
            String practitioner = SystemFixtures.newPractitioner();
            String subscription = fixtures.subscribe("Slot?schedule.actor=" + practitioner, first.url("/down"));
            String otherPractitioner = SystemFixtures.newPractitioner();
            fixtures.subscribe("Slot?schedule.actor=" + otherPractitioner, other.url("/up"));
            String schedule = fixtures.schedule(practitioner);
            List<String> slots = fixtures.slots(schedule, 3, "free", false);
            String otherSchedule = fixtures.schedule(otherPractitioner);

            int[] turns = new int[slots.size()];
            BoundedLoad load = BoundedLoad.start("slot-updates", slots.size(), 300, worker -> fixtures.fhir.exchange("PUT",
                    "Slot/" + slots.get(worker), SystemFixtures.slot(slots.get(worker), schedule, worker,
                            ++turns[worker] % 2 == 0 ? "free" : "busy-tentative", false)));
            Thread.sleep(2000);
            first.close();
            Thread.sleep(5000);
            // while the endpoint is down, another subscriber's change arrives: no head-of-line blocking
            String otherSlot = fixtures.slots(otherSchedule, 1, "free", false).get(0);
            other.await("/up", 1, Duration.ofSeconds(10));
            Thread.sleep(25_000);
            WebhookReceiver second = new WebhookReceiver(port);
            try {
                Thread.sleep(3000);
                Map<String, Integer> outcomes = load.stop();

                StackAudit audit = new StackAudit(stack);
                Map<String, List<SlotChanged>> events = audit.slotEvents(slots);
                List<String> breaks = DeliveryAudit.awaitAll(() -> both(first, second), events, Duration.ofSeconds(120));
                FaultFigures.print("webhook endpoint down for 30 s", FaultFigures.clients("slot updates", outcomes),
                        FaultFigures.events(events), first.requests("/down").size() + " requests before the outage, "
                                + FaultFigures.deliveries(second.requests("/down")) + " after it");
                assertEquals(List.of(), breaks, "every change after a 30 s endpoint outage");
                assertTrue(events.values().stream().mapToInt(List::size).sum() > 3 * 20, "changes went on during the outage");
                assertTrue(!second.requests("/down").isEmpty(), "notifications arrived after the endpoint came back");
                assertEquals("active", fixtures.fhir.read("Subscription/" + subscription).path("status").asText());
                assertEquals(0, load.count("500", "502", "503 Retry-After", "503 without Retry-After", "hang"),
                        outcomes.toString());
                assertEquals(otherSlot, EventJson.tree(other.requests("/up").get(0).bodyText()).path("entry").path(0)
                        .path("resource").path("id").asText());
            } finally {
                second.close();
            }
        }
    }

    private static List<Received> both(WebhookReceiver before, WebhookReceiver after) {
        List<Received> all = new ArrayList<>(before.requests("/down"));
        all.addAll(after.requests("/down"));
        return all;
    }
}
