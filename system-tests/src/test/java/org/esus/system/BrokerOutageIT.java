package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esus.system.stack.EsusStack;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * The broker stopped for 20 s and started again under bookings, cancellations and slot updates
 * with a subscriber listening. While it is down, bookings answer 503 with Retry-After within the
 * decision timeout (never 500, never a hang) and slot updates still commit (the outbox keeps
 * them). Afterwards: no double booking, statuses agree with appointments, every committed change
 * has its event, and every event reached the subscriber.
 */
class BrokerOutageIT {

    @Test
    void aTwentySecondBrokerOutageLosesNothing() throws Exception {
        EsusStack stack = EsusStack.shared();
        SystemFixtures fixtures = new SystemFixtures(stack);
        StackAudit audit = new StackAudit(stack);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String practitioner = SystemFixtures.newPractitioner();
            fixtures.subscribe("Slot?schedule.actor=" + practitioner, receiver.url("/outage"));
            String schedule = fixtures.schedule(practitioner);
            List<String> bookable = fixtures.slots(schedule, 6, "free", false);
            List<String> updated = fixtures.slots(fixtures.schedule(practitioner), 3, "free", false);
            Thread.sleep(1000);

            String[] held = new String[4];
            BoundedLoad bookings = BoundedLoad.start("bookings", held.length, 50,
                    worker -> fixtures.bookOrCancel(bookable, held, worker, "outage-" + worker));
            int[] turns = new int[updated.size()];
            BoundedLoad updates = BoundedLoad.start("slot-updates", updated.size(), 200, worker -> fixtures.fhir.exchange("PUT",
                    "Slot/" + updated.get(worker), SystemFixtures.slot(updated.get(worker), schedule, worker,
                            ++turns[worker] % 2 == 0 ? "free" : "busy-tentative", false)));
            bookings.awaitMore(5, Duration.ofSeconds(60), "201");
            int updatedBefore = updates.outcomes().getOrDefault("200", 0);
            stack.broker().stop();
            Thread.sleep(20_000);
            Map<String, Integer> bookingsWhileDown = bookings.outcomes();
            Map<String, Integer> updatesWhileDown = updates.outcomes();
            stack.broker().start();
            // clients reconnect, booking-service's stream task resumes: bookings succeed again
            bookings.awaitMore(5, Duration.ofSeconds(120), "201");
            updates.awaitMore(5, Duration.ofSeconds(60), "200");
            Map<String, Integer> bookingOutcomes = bookings.stop();
            Map<String, Integer> updateOutcomes = updates.stop();

            List<String> all = new ArrayList<>(bookable);
            all.addAll(updated);
            assertEquals(List.of(), audit.doubleBooked(bookable), "slots with two active appointments");
            assertEquals(List.of(), audit.statusDisagreements(bookable, Duration.ofSeconds(90)), "slot status vs appointments");
            var events = audit.slotEvents(all);
            List<String> undelivered = DeliveryAudit.awaitAll(() -> receiver.requests("/outage"), events, Duration.ofSeconds(90));
            FaultFigures.print("broker stopped for 20 s", FaultFigures.clients("bookings while it was down", bookingsWhileDown),
                    FaultFigures.clients("bookings over the whole run", bookingOutcomes),
                    FaultFigures.clients("slot updates over the whole run", updateOutcomes) + " (" + updatedBefore
                            + " answered 200 before the stop, " + updatesWhileDown.getOrDefault("200", 0) + " by its end)",
                    FaultFigures.events(events), FaultFigures.deliveries(receiver.requests("/outage")));
            assertEquals(List.of(), audit.missingOrDisorderedEvents(audit.committedVersions(all), events));
            assertEquals(List.of(), undelivered, "every event reached the subscriber");

            assertTrue(bookingsWhileDown.getOrDefault("503 Retry-After", 0) > 0, "bookings saw 503 + Retry-After: "
                    + bookingsWhileDown);
            assertEquals(0, bookings.count("500", "502", "503 without Retry-After", "hang"), bookingOutcomes.toString());
            assertTrue(updatesWhileDown.getOrDefault("200", 0) > updatedBefore, "slot updates commit while the broker is "
                    + "down: " + updatesWhileDown);
            assertEquals(0, updates.count("500", "502", "503 without Retry-After", "hang"), updateOutcomes.toString());
        }
    }
}
