package org.esus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slot updates at a fixed rate (open loop: the next one is due on the clock, not when the last
 * answered), each a PUT through the gateway that flips a slot between free and busy. Slots are
 * taken in turn, so no slot has two updates in flight and each update is a new version. Records,
 * per update, when it was sent and when its 200 arrived, under the slot version it created.
 */
final class SlotChanges {

    /** A slot the benchmark updates: the i-th of its Schedule (so its start and end are known). */
    record SlotRef(String id, String scheduleId, int index) {
    }

    /** One answered update: the version it made, and System.nanoTime() when sent and answered. */
    record Change(String slotVersion, long sentNanos, long answeredNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchClient client;
    private final List<SlotRef> slots;
    private final boolean[] busy;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

    SlotChanges(BenchClient client, List<SlotRef> slots) {
        this.client = client;
        this.slots = slots;
        this.busy = new boolean[slots.size()];
    }

    /** Sends {@code perSecond} updates a second for {@code seconds}, from {@code threads} sending threads. */
    void run(double perSecond, int seconds, int threads) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = (long) (1e9 / perSecond);
        clock.scheduleAtFixedRate(() -> senders.execute(this::updateNext), 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        clock.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
    }

    /** One update: PUT flips the slot's status; the 200 names the version it created. */
    private void updateNext() {
        int n = Math.floorMod(next.getAndIncrement(), slots.size());
        SlotRef slot = slots.get(n);
        String status;
        synchronized (busy) {
            busy[n] = !busy[n];
            status = busy[n] ? "busy" : "free";
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = client.put("Slot/" + slot.id(),
                    SlotPopulation.slot(slot.id(), slot.scheduleId(), slot.index(), status));
            long answered = System.nanoTime();
            if (answer.statusCode() != 200) {
                errors.computeIfAbsent("HTTP " + answer.statusCode(), e -> new AtomicInteger()).incrementAndGet();
                return;
            }
            String version = JSON.readTree(answer.body()).path("meta").path("versionId").asText();
            changes.add(new Change(Notified.slotVersion(slot.id(), version), sent, answered));
        } catch (Exception e) {
            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Failed updates by kind (status or exception): they made no version and expect no notification. */
    Map<String, AtomicInteger> errors() {
        return errors;
    }
}
