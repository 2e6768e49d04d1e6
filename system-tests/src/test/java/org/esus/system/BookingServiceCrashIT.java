package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.esus.system.stack.EsusStack;
import org.esus.system.stack.EsusStack.Component;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of booking-service while clients book the same few slots concurrently through the
 * gateway, then a restart: no slot ends with two bookings (invariant 1), every slot's status in
 * slot-service agrees with its active appointments once the appointment projection has settled
 * what the crash left claimed (invariant 2), and clients got 503 with Retry-After while it was down.
 */
class BookingServiceCrashIT {

    @Test
    void noDoubleBookingAndStatusesAgreeAfterACrashMidBooking() throws Exception {
        EsusStack stack = EsusStack.shared();
        SystemFixtures fixtures = new SystemFixtures(stack);
        List<String> slots = fixtures.slots(fixtures.schedule(SystemFixtures.newPractitioner()), 12, "free", false);
        Thread.sleep(1000); // booking-service reads the slots' events

        // each worker books a random slot and cancels what it got on its next turn, so the slots
        // keep being contended: at any moment some bookings are being decided
        String[] held = new String[6];
        BoundedLoad load = BoundedLoad.start("booking", held.length, 10,
                worker -> fixtures.bookOrCancel(slots, held, worker, "crash-" + worker));
        load.awaitMore(10, Duration.ofSeconds(60), "201");
        stack.kill(Component.BOOKING);
        Thread.sleep(2000);
        Map<String, Integer> whileDown = load.outcomes();
        stack.start(Component.BOOKING);
        load.awaitMore(10, Duration.ofSeconds(90), "201");
        Map<String, Integer> outcomes = load.stop();

        StackAudit audit = new StackAudit(stack);
        FaultFigures.print("kill -9 booking-service during concurrent bookings", FaultFigures.clients("clients while it was down",
                whileDown), FaultFigures.clients("clients over the whole run", outcomes),
                audit.heldSlots(slots).size() + " of " + slots.size() + " slots booked at the end",
                FaultFigures.events(audit.slotEvents(slots)));
        assertEquals(List.of(), audit.doubleBooked(slots), "slots with two active appointments");
        // a claim granted at the crash becomes its appointment (projection-delay 15 s)
        assertEquals(List.of(), audit.statusDisagreements(slots, Duration.ofSeconds(90)), "slot status vs appointments");
        assertEquals(List.of(), audit.missingOrDisorderedEvents(audit.committedVersions(slots), audit.slotEvents(slots)));
        assertTrue(whileDown.getOrDefault("503 Retry-After", 0) > 0, "clients saw 503 + Retry-After: " + whileDown);
        assertTrue(outcomes.getOrDefault("201", 0) > 0 && outcomes.getOrDefault("409", 0) > 0
                && outcomes.getOrDefault("200", 0) > 0, "bookings, conflicts and cancellations ran: " + outcomes);
        assertEquals(0, load.count("500", "502", "503 without Retry-After", "hang"), "no 5xx but 503 + Retry-After: " + outcomes);
    }
}
