package org.esus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link SlotPopulation} through the gateway (Schedules, then Slots in transaction
 * Bundles from a few concurrent loaders) and waits for slot-service's outbox to publish it.
 */
final class SlotLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchClient client;
    private final SlotPopulation population;

    SlotLoader(BenchClient client, SlotPopulation population) {
        this.client = client;
        this.population = population;
    }

    /** Creates every practitioner's Schedule; returns their ids in practitioner order. */
    List<String> createSchedules() throws Exception {
        List<String> ids = new ArrayList<>();
        int batch = 500;
        for (int from = 0; from < population.practitioners.size(); from += batch) {
            int to = Math.min(from + batch, population.practitioners.size());
            ids.addAll(createdIds(ok(client.post("", population.schedulesBundle(from, to)))));
        }
        return ids;
    }

    /**
     * Loads every practitioner's slots, whole practitioners per transaction Bundle, with
     * concurrent loaders; returns the new slot ids in practitioner order.
     */
    List<String> loadSlots(List<String> scheduleIds, BenchOptions.Load load) throws Exception {
        int practitioners = population.practitioners.size();
        int perBundle = load.bundleSlots() / population.slotsPerPractitioner();
        ExecutorService pool = Executors.newFixedThreadPool(load.loaders());
        List<Future<List<String>>> work = new ArrayList<>();
        for (int from = 0; from < practitioners; from += perBundle) {
            List<Integer> indexes = new ArrayList<>();
            for (int p = from; p < Math.min(from + perBundle, practitioners); p++) {
                indexes.add(p);
            }
            List<String> schedules = indexes.stream().map(scheduleIds::get).toList();
            work.add(pool.submit(() -> createdIds(ok(client.post("", population.slotsBundle(indexes, schedules))))));
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Future<List<String>> f : work) {
                ids.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    /** Seconds until slot-service's outbox counter stops moving (every committed change published). */
    static double waitForOutboxDrain(String metricsUrl) throws Exception {
        long started = System.nanoTime();
        double last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            double published = PrometheusText.sum(PrometheusText.scrape(metricsUrl), "esus_outbox_published_total", "");
            if (published != last) {
                last = published;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
                return (stableSince - started) / 1e9;
            }
            Thread.sleep(250);
        }
    }

    /** The ids of a transaction response's entries, from their {@code response.location}. */
    private static List<String> createdIds(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : bundle.get("entry")) {
            ids.add(entry.get("response").get("location").asText().split("/")[1]);
        }
        return ids;
    }

    static JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return JSON.readTree(response.body());
    }
}
