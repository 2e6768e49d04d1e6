package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.esus.common.events.SlotChanged;
import org.esus.system.stack.EsusStack;
import org.esus.system.stack.EsusStack.Component;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * kill -9 of the matcher (subscription-service) and then of the dispatcher while a stream of
 * Slot changes is being notified: after both restarts every change that matched the
 * subscription reached its endpoint at least once, with a stable webhook-id, each slot's
 * versions first arriving in change order (invariant 4).
 */
class NotificationCrashIT {

    @Test
    void everyMatchingChangeIsDeliveredAcrossMatcherAndDispatcherCrashes() throws Exception {
        EsusStack stack = EsusStack.shared();
        SystemFixtures fixtures = new SystemFixtures(stack);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String practitioner = SystemFixtures.newPractitioner();
            fixtures.subscribe("Slot?schedule.actor=" + practitioner, receiver.url("/crash"));
            String schedule = fixtures.schedule(practitioner);
            List<String> slots = fixtures.slots(schedule, 4, "free", false);

            int[] turns = new int[slots.size()];
            BoundedLoad load = BoundedLoad.start("slot-updates", slots.size(), 100, worker -> fixtures.fhir.exchange("PUT",
                    "Slot/" + slots.get(worker), SystemFixtures.slot(slots.get(worker), schedule, worker,
                            ++turns[worker] % 2 == 0 ? "free" : "busy-tentative", false)));
            Duration phase = Duration.ofSeconds(60);
            load.awaitMore(10, phase, "200");
            stack.kill(Component.SUBSCRIPTION);
            load.awaitMore(10, phase, "200"); // changes the matcher must catch up on
            stack.start(Component.SUBSCRIPTION);
            load.awaitMore(10, phase, "200");
            stack.kill(Component.DISPATCHER);
            load.awaitMore(10, phase, "200");
            stack.start(Component.DISPATCHER);
            load.awaitMore(10, phase, "200");
            Map<String, Integer> outcomes = load.stop();

            StackAudit audit = new StackAudit(stack);
            Map<String, List<SlotChanged>> events = audit.slotEvents(slots);
            int expected = events.values().stream().mapToInt(List::size).sum();
            List<String> breaks = DeliveryAudit.awaitAll(() -> receiver.requests("/crash"), events, Duration.ofSeconds(90));
            FaultFigures.print("kill -9 of the matcher, then of the dispatcher, during a stream of notifications",
                    FaultFigures.clients("slot updates", outcomes), FaultFigures.events(events),
                    FaultFigures.deliveries(receiver.requests("/crash")));
            assertEquals(List.of(), breaks, "invariant 4 after the crashes");
            assertTrue(expected > 4 * 10, "a stream of changes ran through both crashes: " + expected + " events");
            assertEquals(0, load.count("500", "502", "503 Retry-After", "503 without Retry-After", "hang"),
                    "slot updates do not depend on the notification services: " + outcomes);
        }
    }
}
