package org.esus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Issue 4's benchmark against a running stack (./esus up), with a rest-hook receiver of its own
 * on 127.0.0.1 ({@link WebhookSink}):
 * <ol>
 * <li>latency: N subscriptions, one per practitioner ({@code Slot?schedule.actor=...}), and Slot
 * updates through the gateway at a fixed rate; for each update, the time from its 200 to the
 * arrival of its notification;</li>
 * <li>fan-out: one Slot change matching 10,000 subscriptions, timed until every one is delivered;</li>
 * <li>the same with two dispatcher replicas ({@code ./esus scale notification-dispatcher 2}).</li>
 * </ol>
 * Deletes its subscriptions at the end, prints the figures and appends them to docs/benchmarks.md.
 * Run it with {@code ./esus bench notifications [options]}; {@code --backport} makes every
 * subscription a topic-based one (Subscriptions R5 Backport IG, full-resource) instead, and
 * {@code --replay N} adds phase (d), {@link EventReplay}: N events replayed with {@code $events}.
 */
public final class NotificationBenchmark {

    static final String LATENCY_CHANNEL = "latency";
    /** ./esus up's processes and the second dispatcher replica of phase (c). */
    static final List<String> STACK = Stream.concat(ProcessFigures.STACK.stream(), Stream.of("notification-dispatcher-2")).toList();

    private final Options options;
    private final BenchClient client;
    private final WebhookSink sink;
    private final SubscriptionLoader subscriptions;
    private final List<String> created = new ArrayList<>();

    private NotificationBenchmark(Options options, BenchClient client, WebhookSink sink) {
        this.options = options;
        this.client = client;
        this.sink = sink;
        this.subscriptions = new SubscriptionLoader(client, options.subscriptionReadiness(), options.backport());
    }

    public static void main(String[] args) throws Exception {
        // the dispatcher keeps up to max-concurrent-requests connections open to one receiver
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        Options options = Options.parse(args);
        NotificationReport report = new NotificationReport(args, options);
        try (WebhookSink sink = new WebhookSink(options.sinkThreads())) {
            NotificationBenchmark bench = new NotificationBenchmark(options, options.stack().client(), sink);
            try {
                bench.run(report);
            } finally {
                bench.cleanUp();
            }
        }
        report.rssAfterRun(ProcessFigures.rssAfterRun(options.stack().stateDir(), ProcessFigures.STACK));
        System.out.println(report);
        BenchmarksDoc.append(options.stack().out(), report.toString());
    }

    private void run(NotificationReport report) throws Exception {
        // one practitioner per latency subscription, plus one that every fan-out subscription watches
        int practitioners = options.subscriptions() + 1;
        SlotPopulation population = SlotPopulation.allFree(practitioners, options.slotsPerPractitioner(), System.nanoTime());
        SlotLoader loader = new SlotLoader(client, population);
        long started = System.nanoTime();
        List<String> schedules = loader.createSchedules();
        List<String> slotIds = loader.loadSlots(schedules, new BenchOptions.Load(options.slotsPerPractitioner(), 1000, 2));
        SlotLoader.waitForOutboxDrain(options.stack().slotMetricsUrl());
        List<SlotChanges.SlotRef> slots = new ArrayList<>();
        for (int p = 0; p < practitioners; p++) {
            for (int i = 0; i < options.slotsPerPractitioner(); i++) {
                slots.add(new SlotChanges.SlotRef(slotIds.get(p * options.slotsPerPractitioner() + i), schedules.get(p), i));
            }
        }
        report.setUp(String.format("%,d free slots of %,d practitioners (one Schedule each) created and published in %.1f s",
                slotIds.size(), practitioners, (System.nanoTime() - started) / 1e9));

        int before = subscriptions.matcherView();
        double createSeconds = timed(() -> created.addAll(subscriptions.create(options.subscriptions(),
                n -> "Slot?schedule.actor=Practitioner/" + population.practitioners.get(n),
                n -> sink.endpoint(LATENCY_CHANNEL, n), options.loaders())));
        double viewSeconds = subscriptions.awaitMatcherView(before + options.subscriptions(), Duration.ofMinutes(5));
        double activeSeconds = subscriptions.awaitHandshakes(Duration.ofMinutes(5));
        report.setUp(String.format("%,d subscriptions (one per practitioner, `Slot?schedule.actor=Practitioner/<id>`, "
                + "%s) created in %.1f s; the matcher held them %.1f s later%s", options.subscriptions(),
                options.backport() ? "topic-based (Backport IG), that filter, full-resource history Bundles"
                        : "payload application/fhir+json", createSeconds, viewSeconds,
                options.backport() ? String.format(", all active (handshakes delivered) %.1f s after that", activeSeconds) : ""));
        latency(slots.subList(0, options.subscriptions() * options.slotsPerPractitioner()), report);

        before = subscriptions.matcherView();
        String fanPractitioner = population.practitioners.get(practitioners - 1);
        createSeconds = timed(() -> created.addAll(subscriptions.create(options.fanout(),
                n -> "Slot?schedule.actor=Practitioner/" + fanPractitioner, n -> sink.endpoint(FanOut.CHANNEL, n),
                options.loaders())));
        viewSeconds = subscriptions.awaitMatcherView(before + options.fanout(), Duration.ofMinutes(10));
        activeSeconds = subscriptions.awaitHandshakes(Duration.ofMinutes(10));
        report.setUp(String.format("%,d subscriptions on one practitioner created in %.1f s; the matcher held them %.1f s "
                + "later%s", options.fanout(), createSeconds, viewSeconds,
                options.backport() ? String.format(", all active %.1f s after that", activeSeconds) : ""));
        FanOut fanOut = new FanOut(client, sink, slots.get(slots.size() - 1), options.fanout(), options.matcherMetrics());
        fanOut(fanOut, 1, "one replica (as ./esus up starts it)", report);
        DispatcherReplicas replicas = new DispatcherReplicas(options.bootstrap(), "notification-dispatcher");
        try {
            String assignment = replicas.scale(options.replicas(), Duration.ofMinutes(2));
            fanOut(fanOut, options.replicas(), options.replicas() + " replicas in one consumer group (" + assignment
                    + " of esus.notifications)", report);
        } finally {
            replicas.scale(1, Duration.ofMinutes(2));
        }
        if (options.replay() > 0) {
            report.replay(new EventReplay(client, sink, options.subscriptionReadiness()).run(options.replay(), created));
        }
    }

    /** Phase (a): updates at a fixed rate for warm-up + measured seconds; latencies of the measured ones. */
    private void latency(List<SlotChanges.SlotRef> slots, NotificationReport report) throws Exception {
        SlotChanges changes = new SlotChanges(client, slots);
        long measuredFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmup());
        CompletableFuture<CpuShares> cpuAtWarmupEnd = CompletableFuture.supplyAsync(
                () -> CpuShares.take(options.stack().stateDir(), STACK),
                CompletableFuture.delayedExecutor(options.warmup(), TimeUnit.SECONDS));
        changes.run(options.rate(), options.warmup() + options.seconds(), options.senders());
        CpuShares cpuAtEnd = CpuShares.take(options.stack().stateDir(), STACK);
        List<SlotChanges.Change> measured = changes.changes().stream().filter(c -> c.sentNanos() >= measuredFrom).toList();
        String cpu = cpuAtEnd.since(cpuAtWarmupEnd.get()) + ". "
                + cpuAtEnd.perOperation(cpuAtWarmupEnd.get(), measured.size(), "update");

        Map<String, Long> arrived = new HashMap<>();
        int[] duplicates = {0};
        awaitArrivals(changes.changes().stream().map(SlotChanges.Change::slotVersion).collect(Collectors.toSet()), arrived,
                duplicates);
        Histogram fromAnswer = LatencyRun.histogram();
        Histogram fromSent = LatencyRun.histogram();
        int missing = 0;
        int early = 0;
        for (SlotChanges.Change change : measured) {
            Long at = arrived.get(change.slotVersion());
            if (at == null) {
                missing++;
                continue;
            }
            early += at < change.answeredNanos() ? 1 : 0;
            fromAnswer.recordValue(Math.min(Math.max(0, at - change.answeredNanos()), fromAnswer.getHighestTrackableValue()));
            fromSent.recordValue(Math.min(at - change.sentNanos(), fromSent.getHighestTrackableValue()));
        }
        report.latency(new NotificationReport.Latency(measured.size(), options.seconds(), changes.errors().toString(), missing,
                duplicates[0], early, fromAnswer, fromSent, cpu));
    }

    /**
     * Reads the latency channel's arrivals (first arrival per slot version) until every expected
     * version has one, or none came for 5 s (at most 60 s).
     */
    private void awaitArrivals(Set<String> expected, Map<String, Long> arrived, int[] duplicates) throws InterruptedException {
        long lastProgress = System.nanoTime();
        long deadline = lastProgress + TimeUnit.SECONDS.toNanos(60);
        int found = 0;
        while (found < expected.size() && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(5)
                && System.nanoTime() < deadline) {
            List<WebhookSink.Arrival> arrivals = sink.drain();
            for (WebhookSink.Arrival arrival : arrivals) {
                Notified n = Notified.of(arrival);
                if (!n.channel().equals(LATENCY_CHANNEL) || !expected.contains(n.slotVersion())) {
                    continue; // e.g. a slot's creation, matched after its subscription existed
                }
                if (arrived.putIfAbsent(n.slotVersion(), n.nanos()) != null) {
                    duplicates[0]++;
                } else {
                    found++;
                }
            }
            if (arrivals.isEmpty()) {
                Thread.sleep(50);
            } else {
                lastProgress = System.nanoTime();
            }
        }
    }

    /** Phases (b) and (c): one unrecorded warm-up round (JIT, connections), then the recorded rounds. */
    private void fanOut(FanOut fanOut, int replicas, String dispatchers, NotificationReport report) throws Exception {
        fanOut.round(options.roundTimeout());
        CpuShares before = CpuShares.take(options.stack().stateDir(), STACK);
        List<FanOut.Round> rounds = new ArrayList<>();
        for (int r = 0; r < options.rounds(); r++) {
            Thread.sleep(1000);
            rounds.add(fanOut.round(options.roundTimeout()));
        }
        CpuShares after = CpuShares.take(options.stack().stateDir(), STACK);
        int deliveries = rounds.stream().mapToInt(FanOut.Round::delivered).sum();
        report.fanOut(replicas, dispatchers, rounds, after.since(before) + ". "
                + after.perOperation(before, deliveries, "delivery") + ", the 1 s pauses between the rounds included");
    }

    private void cleanUp() throws Exception {
        if (!options.keepSubscriptions() && !created.isEmpty()) {
            System.out.printf("Deleting the run's %,d subscriptions ...%n", created.size());
            subscriptions.delete(created, options.loaders());
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    record Options(BenchOptions.Stack stack, int subscriptions, int slotsPerPractitioner, double rate, int warmup,
            int seconds, int senders, int fanout, int rounds, int replicas, int roundTimeout, int loaders, int sinkThreads,
            String bootstrap, String subscriptionReadiness, String matcherMetrics, boolean keepSubscriptions,
            boolean backport, int replay) {

        static Options parse(String[] arguments) {
            Args args = Args.parse(arguments);
            return new Options(BenchOptions.Stack.of(args), args.integer("subscriptions", 1000),
                    args.integer("slots-per-practitioner", 20), args.fraction("rate", 200), args.integer("warmup", 10),
                    args.integer("seconds", 60), args.integer("senders", 32), args.integer("fanout", 10_000),
                    args.integer("rounds", 3), args.integer("replicas", 2), args.integer("round-timeout", 120),
                    args.integer("loaders", 16), args.integer("sink-threads", 32),
                    args.text("bootstrap", "127.0.0.1:9092"),
                    args.text("subscription-ready", "http://127.0.0.1:8083/q/health/ready"),
                    args.text("matcher-metrics", "http://127.0.0.1:8083/q/metrics"),
                    args.flag("keep-subscriptions", false), args.flag("backport", false), args.integer("replay", 0));
        }
    }
}
