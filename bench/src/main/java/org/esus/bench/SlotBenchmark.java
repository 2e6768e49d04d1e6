package org.esus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 2's benchmark against a running stack (./esus up): bulk-loads Slots over many
 * practitioners with transaction Bundles through the gateway, waits for the outbox to drain,
 * then runs each seed polling query with concurrent clients. Prints the figures and appends
 * them to docs/benchmarks.md. Run it with {@code ./esus bench slots [options]}.
 */
public final class SlotBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchClient client = new BenchClient(options.base, Files.readString(Path.of(options.tokenFile)).trim());
        SlotPopulation population = new SlotPopulation(options.practitioners, options.slotsPerPractitioner, options.seed);
        StringBuilder report = new StringBuilder();

        ProcessFigures before = ProcessFigures.of(options.stateDir, "slot-service");
        String loadLine;
        if (options.load) {
            List<String> scheduleIds = createSchedules(client, population);
            long slots = (long) options.practitioners * options.slotsPerPractitioner;
            long loadStarted = System.nanoTime();
            loadSlots(client, population, scheduleIds, options);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            double relaySeconds = waitForOutboxDrain(options);
            loadLine = String.format("bulk load: %,d slots in %.1f s = %,.0f slots/s (%d loaders, %d slots per transaction "
                            + "Bundle); outbox relay finished publishing %.1f s after the last commit",
                    slots, loadSeconds, slots / loadSeconds, options.loaders, options.bundleSlots(), relaySeconds);
        } else {
            // The population is a function of the seed: an earlier run with the same options loaded it.
            loadLine = "no load in this run (--load false): queries over the slots an earlier run with the same seed loaded";
        }
        System.out.println(loadLine);

        String actor = "schedule.actor=Practitioner/";
        List<LatencyRun.Result> results = new ArrayList<>();
        results.add(LatencyRun.run("next 10 free slots: `Slot?status=free&schedule.actor=Practitioner/{id}&_count=10&_sort=start`",
                client, options.clients, options.warmupSeconds, options.seconds,
                i -> "Slot?status=free&" + actor + population.practitioners.get(i) + "&_count=10&_sort=start",
                options.practitioners, options.seed));
        results.add(LatencyRun.run("nearest free slot: `Slot?status=free&schedule.actor=Practitioner/{id}&date=ge{d}&_count=1&_sort=start`",
                client, options.clients, options.warmupSeconds, options.seconds,
                // Dates inside the practitioner's three weeks of slots, so every answer has a slot in it.
                i -> "Slot?status=free&" + actor + population.practitioners.get(i) + "&date=ge"
                        + SlotPopulation.FIRST_DAY.plusSeconds(86_400L * (i % 20)) + "&_count=1&_sort=start",
                options.practitioners, options.seed + 1));
        for (LatencyRun.Result r : results) {
            System.out.printf("%s: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors %d%n", r.name(), r.throughput(),
                    r.percentileMs(50), r.percentileMs(99), r.latencies().getMaxValue() / 1e6, r.errors());
        }
        ProcessFigures slotService = ProcessFigures.of(options.stateDir, "slot-service");
        System.out.println("slot-service: RSS " + before.rssMiB() + " MiB before the run; " + slotService);

        report.append("\n## Slot-service: bulk load and seed queries (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `./esus bench slots ").append(String.join(" ", args)).append("` against `./esus up` ")
                .append("(all requests through the gateway on :8080, bearer token verified on each).\n\n")
                .append("- ").append(loadLine).append("\n")
                .append(String.format("- %d concurrent clients, %d s warm-up, %d s measured per query, random practitioner per request (seed %d)%n",
                        options.clients, options.warmupSeconds, options.seconds, options.seed))
                .append("- slot-service RSS ").append(before.rssMiB()).append(" MiB before the run; ").append(slotService)
                .append("\n\n")
                .append("| query | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|\n");
        for (LatencyRun.Result r : results) {
            report.append(String.format("| %s | %,.0f | %.2f | %.2f | %.2f | %.1f | %d |%n", r.name(), r.throughput(),
                    r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), r.latencies().getMaxValue() / 1e6, r.errors()));
        }
        Path out = Path.of(options.out);
        if (!Files.exists(out)) {
            Files.writeString(out, "# ESUS benchmarks\n\nFigures written by the benchmark commands; newest at the bottom.\n");
        }
        Files.writeString(out, report, StandardOpenOption.APPEND);
        System.out.println("Appended to " + out);
    }

    private static List<String> createSchedules(BenchClient client, SlotPopulation population) throws Exception {
        List<String> ids = new ArrayList<>();
        int batch = 500;
        for (int from = 0; from < population.practitioners.size(); from += batch) {
            int to = Math.min(from + batch, population.practitioners.size());
            JsonNode response = ok(client.post("", population.schedulesBundle(from, to)));
            for (JsonNode entry : response.get("entry")) {
                ids.add(entry.get("response").get("location").asText().split("/")[1]);
            }
        }
        return ids;
    }

    private static void loadSlots(BenchClient client, SlotPopulation population, List<String> scheduleIds, Options options)
            throws Exception {
        int perBundle = Math.max(1, options.bundleSize / options.slotsPerPractitioner);
        ExecutorService loaders = Executors.newFixedThreadPool(options.loaders);
        List<Future<?>> work = new ArrayList<>();
        for (int from = 0; from < options.practitioners; from += perBundle) {
            List<Integer> indexes = new ArrayList<>();
            for (int p = from; p < Math.min(from + perBundle, options.practitioners); p++) {
                indexes.add(p);
            }
            List<String> schedules = indexes.stream().map(scheduleIds::get).toList();
            work.add(loaders.submit(() -> {
                ok(client.post("", population.slotsBundle(indexes, schedules)));
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        loaders.shutdown();
    }

    /** Seconds until slot-service's outbox counter stops moving (every committed change published). */
    private static double waitForOutboxDrain(Options options) throws Exception {
        BenchClient metrics = new BenchClient(options.metricsUrl, "none");
        long started = System.nanoTime();
        double last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            double published = outboxCounter(metrics.get("").body());
            if (published != last) {
                last = published;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
                return (stableSince - started) / 1e9;
            }
            Thread.sleep(250);
        }
    }

    private static double outboxCounter(String prometheus) {
        Matcher m = Pattern.compile("(?m)^esus_outbox_published_total(?:\\{[^}]*\\})? ([0-9.eE+]+)").matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return JSON.readTree(response.body());
    }

    record Options(String base, String tokenFile, String metricsUrl, String stateDir, String out, int practitioners,
            int slotsPerPractitioner, int bundleSize, int loaders, int clients, int warmupSeconds, int seconds, long seed,
            boolean load) {

        int bundleSlots() {
            return Math.max(1, bundleSize / slotsPerPractitioner) * slotsPerPractitioner;
        }

        static Options parse(String[] args) {
            Map<String, String> given = Args.parse(args);
            return new Options(
                    given.getOrDefault("base", "http://127.0.0.1:8080/fhir"),
                    given.getOrDefault("token-file", ".esus/token"),
                    given.getOrDefault("metrics", "http://127.0.0.1:8081/q/metrics"),
                    given.getOrDefault("state", ".esus"),
                    given.getOrDefault("out", "docs/benchmarks.md"),
                    Integer.parseInt(given.getOrDefault("practitioners", "2000")),
                    Integer.parseInt(given.getOrDefault("slots-per-practitioner", "500")),
                    Integer.parseInt(given.getOrDefault("bundle-size", "1000")),
                    Integer.parseInt(given.getOrDefault("loaders", "2")),
                    Integer.parseInt(given.getOrDefault("clients", "8")),
                    Integer.parseInt(given.getOrDefault("warmup", "20")),
                    Integer.parseInt(given.getOrDefault("seconds", "30")),
                    Long.parseLong(given.getOrDefault("seed", "42")),
                    Boolean.parseBoolean(given.getOrDefault("load", "true")));
        }
    }
}
