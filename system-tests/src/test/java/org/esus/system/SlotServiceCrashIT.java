package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.esus.system.stack.EsusStack;
import org.esus.system.stack.EsusStack.Component;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of slot-service between commit and publish: while clients keep updating slots, the
 * broker is stopped so committed changes wait in the outbox, slot-service is killed with them
 * unpublished, then both come back. Every committed change must then have its event, in order
 * per slot (invariant 3), and clients must have seen 503 + Retry-After while slot-service was down.
 */
class SlotServiceCrashIT {

    @Test
    void changesCommittedButUnpublishedAtACrashArePublishedAfterRestart() throws Exception {
        EsusStack stack = EsusStack.shared();
        SystemFixtures fixtures = new SystemFixtures(stack);
        StackAudit audit = new StackAudit(stack);
        String schedule = fixtures.schedule(SystemFixtures.newPractitioner());
        List<String> slots = fixtures.slots(schedule, 8, "free", false);

        // one worker per slot, so each slot's updates are sequential and each 200 is a new version
        AtomicInteger[] turns = new AtomicInteger[slots.size()];
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new AtomicInteger();
        }
        BoundedLoad load = BoundedLoad.start("slot-updates", slots.size(), 50, worker -> fixtures.fhir.exchange("PUT",
                "Slot/" + slots.get(worker), SystemFixtures.slot(slots.get(worker), schedule, worker,
                        turns[worker].incrementAndGet() % 2 == 0 ? "free" : "busy-tentative", false)));
        load.awaitMore(10, Duration.ofSeconds(60), "200");
        stack.broker().stop();
        long pending = awaitUnpublished(audit);
        stack.kill(Component.SLOT);
        Thread.sleep(2000);
        Map<String, Integer> whileDown = load.outcomes();
        stack.broker().start();
        stack.start(Component.SLOT);
        load.awaitMore(10, Duration.ofSeconds(60), "200");
        Map<String, Integer> outcomes = load.stop();

        FaultFigures.print("kill -9 slot-service between commit and publish", pending
                + " outbox rows committed and unpublished at the kill", FaultFigures.clients("clients while it was down",
                whileDown), FaultFigures.clients("clients over the whole run", outcomes), FaultFigures.events(audit.slotEvents(slots)));
        assertTrue(pending > 0, "changes were committed and unpublished when slot-service died");
        Map<String, Long> committed = audit.committedVersions(slots);
        assertTrue(committed.values().stream().allMatch(v -> v > 3), "every slot changed several times: " + committed);
        awaitPublished(audit);
        assertEquals(List.of(), audit.missingOrDisorderedEvents(committed, audit.slotEvents(slots)));
        assertTrue(whileDown.getOrDefault("503 Retry-After", 0) > 0, "clients saw 503 + Retry-After: " + whileDown);
        assertEquals(0, load.count("500", "502", "503 without Retry-After", "hang"), "no 5xx but 503 + Retry-After: " + outcomes);
    }

    /** Updates go on with the broker down: their rows wait in the outbox. */
    private static long awaitUnpublished(StackAudit audit) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long pending = 0;
        while (pending < 20 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pending = audit.unpublishedOutboxRows();
        }
        return pending;
    }

    private static void awaitPublished(StackAudit audit) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (audit.unpublishedOutboxRows() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
