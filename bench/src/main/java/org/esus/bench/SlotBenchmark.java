package org.esus.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 2's benchmark against a running stack (./esus up): bulk-loads Slots over many
 * practitioners with transaction Bundles through the gateway, waits for the outbox to drain,
 * then runs each seed polling query with concurrent clients. Prints the figures and appends
 * them to docs/benchmarks.md. Run it with {@code ./esus bench slots [options]}.
 */
public final class SlotBenchmark {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchClient client = options.stack().client();
        SlotPopulation population = new SlotPopulation(options.practitioners(), options.load().slotsPerPractitioner(),
                options.run().seed());
        StringBuilder report = new StringBuilder();

        ProcessFigures before = ProcessFigures.of(options.stack().stateDir(), "slot-service");
        String loadLine;
        if (options.loadSlots()) {
            SlotLoader loader = new SlotLoader(client, population);
            List<String> scheduleIds = loader.createSchedules();
            long slots = (long) options.practitioners() * options.load().slotsPerPractitioner();
            long loadStarted = System.nanoTime();
            loader.loadSlots(scheduleIds, options.load());
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            double relaySeconds = SlotLoader.waitForOutboxDrain(options.stack().slotMetricsUrl());
            loadLine = String.format("bulk load: %,d slots in %.1f s = %,.0f slots/s (%d loaders, %d slots per transaction "
                            + "Bundle); outbox relay finished publishing %.1f s after the last commit",
                    slots, loadSeconds, slots / loadSeconds, options.load().loaders(), options.load().bundleSlots(), relaySeconds);
        } else {
            // The population is a function of the seed: an earlier run with the same options loaded it.
            loadLine = "no load in this run (--load false): queries over the slots an earlier run with the same seed loaded";
        }
        System.out.println(loadLine);

        String actor = "schedule.actor=Practitioner/";
        List<LatencyRun.Result> results = new ArrayList<>();
        results.add(LatencyRun.run("next 10 free slots: `Slot?status=free&schedule.actor=Practitioner/{id}&_count=10&_sort=start`",
                client, options.run(),
                i -> "Slot?status=free&" + actor + population.practitioners.get(i) + "&_count=10&_sort=start",
                options.practitioners(), 0));
        results.add(LatencyRun.run("nearest free slot: `Slot?status=free&schedule.actor=Practitioner/{id}&date=ge{d}&_count=1&_sort=start`",
                client, options.run(),
                // Dates inside the practitioner's three weeks of slots, so every answer has a slot in it.
                i -> "Slot?status=free&" + actor + population.practitioners.get(i) + "&date=ge"
                        + SlotPopulation.FIRST_DAY.plusSeconds(86_400L * (i % 20)) + "&_count=1&_sort=start",
                options.practitioners(), 1));
        for (LatencyRun.Result r : results) {
            System.out.printf("%s: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors %d%n", r.name(), r.throughput(),
                    r.percentileMs(50), r.percentileMs(99), r.latencies().getMaxValue() / 1e6, r.errors());
        }
        ProcessFigures slotService = ProcessFigures.of(options.stack().stateDir(), "slot-service");
        System.out.println("slot-service: RSS " + before.rssMiB() + " MiB before the run; " + slotService);

        report.append("\n## Slot-service: bulk load and seed queries (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `./esus bench slots ").append(String.join(" ", args)).append("` against `./esus up` ")
                .append("(all requests through the gateway on :8080, bearer token verified on each).\n\n")
                .append("- ").append(loadLine).append("\n")
                .append(String.format("- %d concurrent clients, %d s warm-up, %d s measured per query, random practitioner per request (seed %d)%n",
                        options.run().clients(), options.run().warmupSeconds(), options.run().seconds(), options.run().seed()))
                .append("- slot-service RSS ").append(before.rssMiB()).append(" MiB before the run; ").append(slotService)
                .append("\n\n")
                .append("| query | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|\n");
        for (LatencyRun.Result r : results) {
            report.append(String.format("| %s | %,.0f | %.2f | %.2f | %.2f | %.1f | %d |%n", r.name(), r.throughput(),
                    r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), r.latencies().getMaxValue() / 1e6, r.errors()));
        }
        BenchmarksDoc.append(options.stack().out(), report);
    }

    record Options(BenchOptions.Stack stack, BenchOptions.Load load, BenchOptions.Run run, int practitioners,
            boolean loadSlots) {

        static Options parse(String[] arguments) {
            Args args = Args.parse(arguments);
            return new Options(BenchOptions.Stack.of(args), BenchOptions.Load.of(args), BenchOptions.Run.of(args, 8, 20, 30),
                    args.integer("practitioners", 2000), args.flag("load", true));
        }
    }
}
