package org.esus.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Issue 6's whole-stack load against a running stack (./esus up): closed-loop clients mix the two
 * seed searches, bookings and cancellations through the gateway for a fixed time, while a
 * subscriber per practitioner (the benchmark's own receiver) hears of every slot that turns busy
 * or free. Prints throughput and latency per operation, answers by status, notification latency
 * (Bundle timestamp to arrival) and the RSS of every process, and appends them to
 * docs/benchmarks.md. Run it with {@code ./esus bench mixed [options]}.
 */
public final class MixedLoadBenchmark {

    private static final String CHANNEL = "mixed";

    private final Options options;
    private final BenchClient client;
    private final SlotPopulation population;
    private final SlotPool pool;

    private MixedLoadBenchmark(Options options, BenchClient client, SlotPopulation population, SlotPool pool) {
        this.options = options;
        this.client = client;
        this.population = population;
        this.pool = pool;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        Options options = Options.parse(args);
        BenchClient client = options.stack().client();
        try (WebhookSink sink = new WebhookSink(16)) {
            SlotPopulation population = SlotPopulation.allFree(options.practitioners(), options.slotsPerPractitioner(),
                    System.nanoTime());
            SlotLoader loader = new SlotLoader(client, population);
            List<String> slotIds = loader.loadSlots(loader.createSchedules(),
                    new BenchOptions.Load(options.slotsPerPractitioner(), 1000, 2));
            SlotLoader.waitForOutboxDrain(options.stack().slotMetricsUrl());
            SubscriptionLoader subscriptions = new SubscriptionLoader(client, options.subscriptionReadiness(), false);
            int before = subscriptions.matcherView();
            List<String> subscriptionIds = subscriptions.create(options.practitioners(),
                    n -> "Slot?schedule.actor=Practitioner/" + population.practitioners.get(n), n -> sink.endpoint(CHANNEL, n), 8);
            subscriptions.awaitMatcherView(before + options.practitioners(), Duration.ofMinutes(5));
            String setUp = String.format("%,d free slots of %d practitioners, and a subscription per practitioner "
                    + "(`Slot?schedule.actor=...`) to the benchmark's own receiver", slotIds.size(), options.practitioners());
            System.out.println(setUp);
            sink.drain();

            MixedLoadBenchmark bench = new MixedLoadBenchmark(options, client, population,
                    new SlotPool(slotIds, new Random(options.run().seed())));
            // from the warm-up's end, as the requests counted
            CompletableFuture<CpuShares> cpuBefore = CompletableFuture.supplyAsync(
                    () -> CpuShares.take(options.stack().stateDir(), ProcessFigures.STACK),
                    CompletableFuture.delayedExecutor(options.run().warmupSeconds(), TimeUnit.SECONDS));
            Map<String, Histogram> outcomes = LatencyRun.outcomes(options.run(), bench::step);
            CpuShares cpuAfter = CpuShares.take(options.stack().stateDir(), ProcessFigures.STACK);
            long requests = outcomes.values().stream().mapToLong(Histogram::getTotalCount).sum();
            String cpu = cpuAfter.since(cpuBefore.get()) + "\n- " + cpuAfter.perOperation(cpuBefore.get(), requests, "request")
                    + " (searches, bookings and cancels alike, the notifications they cause included)";
            Thread.sleep(5000); // the last changes' notifications
            Histogram notified = notificationLatencies(sink.drain());
            String report = report(args, options, setUp, outcomes, notified, cpu);
            System.out.println(report);
            BenchmarksDoc.append(options.stack().out(), report);
            subscriptions.delete(subscriptionIds, 8);
        }
    }

    /** One client request: a seed search, a booking of a free slot, or a cancellation, by the weights of the options. */
    private String step(int client, Random random) throws Exception {
        double draw = random.nextDouble();
        if (draw < options.searchShare()) {
            String practitioner = population.practitioners.get(random.nextInt(population.practitioners.size()));
            boolean next10 = random.nextBoolean();
            String query = "Slot?status=free&schedule.actor=Practitioner/" + practitioner + (next10 ? "&_count=10&_sort=start"
                    : "&date=ge" + SlotPopulation.start(random.nextInt(options.slotsPerPractitioner())) + "&_count=1&_sort=start");
            return (next10 ? "search next 10 free " : "search nearest free ") + this.client.get(query).statusCode();
        }
        if (draw < options.searchShare() + options.cancelShare() || pool.booked() > pool.size() / 2) {
            int slot = pool.takeBookedForCancel();
            if (slot >= 0) {
                HttpResponse<String> answer = this.client.delete("Appointment/" + pool.appointment(slot));
                if (answer.statusCode() == 200) {
                    pool.markFree(slot);
                } else {
                    pool.setAside(slot);
                }
                return "cancel " + answer.statusCode();
            }
        }
        int slot = pool.takeFree();
        if (slot < 0) {
            return "idle";
        }
        HttpResponse<String> answer = this.client.post("Appointment", BookingBenchmark.appointment(pool.slotId(slot),
                Integer.toString(random.nextInt(1_000_000)), ""));
        if (answer.statusCode() == 201) {
            String location = answer.headers().firstValue("Location").orElse("");
            pool.markBooked(slot, location.replaceAll(".*Appointment/([^/]+).*", "$1"));
        } else {
            pool.setAside(slot);
        }
        return "book " + answer.statusCode();
    }

    /** From each Bundle's timestamp (the change's commit) to its arrival, on this machine's clock (ns). */
    private static Histogram notificationLatencies(List<WebhookSink.Arrival> arrivals) {
        Histogram latencies = LatencyRun.histogram();
        long wallMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        for (WebhookSink.Arrival arrival : arrivals) {
            String body = new String(arrival.body(), java.nio.charset.StandardCharsets.UTF_8);
            String timestamp = body.replaceAll("(?s).*\"timestamp\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            Instant changed = Instant.parse(timestamp);
            long arrivedWallNanos = arrival.nanos() + wallMinusNano;
            long nanos = arrivedWallNanos - (changed.getEpochSecond() * 1_000_000_000L + changed.getNano());
            latencies.recordValue(Math.max(0, Math.min(nanos, latencies.getHighestTrackableValue())));
        }
        return latencies;
    }

    private static String report(String[] args, Options options, String setUp, Map<String, Histogram> outcomes,
            Histogram notified, String cpu) {
        double seconds = options.run().seconds();
        Map<String, Histogram> byOperation = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        outcomes.forEach((outcome, h) -> {
            int cut = outcome.lastIndexOf(' ');
            String operation = cut < 0 ? outcome : outcome.substring(0, cut);
            byOperation.computeIfAbsent(operation, o -> LatencyRun.histogram()).add(h);
            byStatus.merge(outcome, h.getTotalCount(), Long::sum);
        });
        StringBuilder r = new StringBuilder();
        r.append("\n## Whole stack: mixed load (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `./esus bench mixed").append(args.length == 0 ? "" : " ").append(String.join(" ", args))
                .append("` against `./esus up` (every request through the gateway with a bearer token).\n\n")
                .append("- ").append(setUp).append("\n")
                .append(String.format("- %d closed-loop clients, %d s warm-up, %d s measured; each request is a seed search "
                                + "(%.0f %%, half each query), a cancellation of a booked slot (%.0f %%, or whenever half the slots "
                                + "are booked) or a booking of a free slot (the rest)%n", options.run().clients(),
                        options.run().warmupSeconds(), options.run().seconds(), 100 * options.searchShare(),
                        100 * options.cancelShare()))
                .append("- CPU during the measured run (percent of one core): ").append(cpu).append("\n\n")
                .append("| operation | per s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        byOperation.forEach((operation, h) -> r.append(String.format("| %s | %,.0f | %.1f | %.1f | %.1f |%n", operation,
                h.getTotalCount() / seconds, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6)));
        r.append(String.format("| notifications received (Bundle timestamp to arrival) | %,.0f | %.1f | %.1f | %.1f |%n",
                notified.getTotalCount() / seconds, notified.getValueAtPercentile(50) / 1e6,
                notified.getValueAtPercentile(99) / 1e6, notified.getMaxValue() / 1e6));
        r.append("\nAnswers by operation and status (measured window): ");
        List<String> counts = new ArrayList<>();
        byStatus.forEach((outcome, count) -> counts.add(outcome + ": " + String.format("%,d", count)));
        r.append(String.join("; ", counts)).append("\n\n")
                .append(ProcessFigures.rssAfterRun(options.stack().stateDir(), ProcessFigures.STACK)).append("\n");
        return r.toString();
    }

    record Options(BenchOptions.Stack stack, BenchOptions.Run run, int practitioners, int slotsPerPractitioner,
            double searchShare, double cancelShare, String subscriptionReadiness) {

        static Options parse(String[] arguments) {
            Args args = Args.parse(arguments);
            return new Options(BenchOptions.Stack.of(args), BenchOptions.Run.of(args, 16, 10, 60),
                    args.integer("practitioners", 200), args.integer("slots-per-practitioner", 50),
                    args.fraction("search", 0.6), args.fraction("cancel", 0.15),
                    args.text("subscription-ready", "http://127.0.0.1:8083/q/health/ready"));
        }
    }
}
