package org.esus.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The notification benchmark's section of docs/benchmarks.md, filled phase by phase. */
final class NotificationReport {

    /** Phase (a): the measured updates and the latencies of their notifications (ns). */
    record Latency(int updates, int seconds, String updateErrors, int missing, int duplicates, int arrivedBeforeAnswer,
            Histogram fromAnswer, Histogram fromSent, String cpu) {
    }

    private final String[] args;
    private final NotificationBenchmark.Options options;
    private final List<String> setUp = new ArrayList<>();
    private Latency latency;
    private final List<String> fanOuts = new ArrayList<>();
    private final List<Double> medianRates = new ArrayList<>();
    private double worstFanOutRate = Double.MAX_VALUE;
    private String rssAfterRun = "";
    private String replay = "";
    private double replayEventsPerSecond = -1;

    NotificationReport(String[] args, NotificationBenchmark.Options options) {
        this.args = args;
        this.options = options;
    }

    void setUp(String line) {
        setUp.add(line);
        System.out.println(line);
    }

    void latency(Latency measured) {
        this.latency = measured;
        System.out.println(latencyText());
    }

    /** The line of {@link ProcessFigures#rssAfterRun}, read once when the phases are done. */
    void rssAfterRun(String line) {
        this.rssAfterRun = line;
    }

    void fanOut(int replicas, String dispatchers, List<FanOut.Round> rounds, String cpu) {
        StringBuilder f = new StringBuilder(String.format("%n**(%s) Fan-out, %s:** one Slot update matching %,d subscriptions, "
                + "%d rounds after one unrecorded warm-up round; times from the update's 200%n%n", replicas == 1 ? "b" : "c",
                dispatchers, options.fanout(), rounds.size()));
        f.append("| round | delivered (distinct) | duplicates | all matched (matcher) | first arrival | all delivered | deliveries/s |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (int r = 0; r < rounds.size(); r++) {
            FanOut.Round round = rounds.get(r);
            f.append(String.format("| %d | %,d of %,d | %d | %.0f ms | %.0f ms | %.0f ms | %,.0f |%n", r + 1, round.delivered(),
                    round.subscribers(), round.duplicates(), round.matchedMs(), round.firstMs(), round.allMs(),
                    round.deliveriesPerSecond()));
            worstFanOutRate = Math.min(worstFanOutRate, round.delivered() < round.subscribers() ? 0 : round.deliveriesPerSecond());
        }
        List<FanOut.Round> sorted = rounds.stream().sorted(Comparator.comparingDouble(FanOut.Round::allMs)).toList();
        double median = sorted.get(sorted.size() / 2).deliveriesPerSecond();
        medianRates.add(median);
        f.append(String.format("%nMedian round: %,.0f deliveries/s. CPU during the rounds (percent of one core): %s%n", median, cpu));
        fanOuts.add(f.toString());
        System.out.println(f);
    }

    void replay(EventReplay.Result result) {
        Histogram pages = result.pageLatency();
        replayEventsPerSecond = result.problems().isEmpty() ? result.eventsPerSecond() : 0;
        replay = String.format("%n**(d) Replay:** one topic-based Subscription (filter `Slot`, full-resource) got %,d events "
                        + "(Slots created in %.1f s, all numbered %.1f s after the first was sent); `$events` from event 1, "
                        + "page after page as a client catching up: **%,.0f events/s** (%,d events in %d pages, %.1f s); "
                        + "page latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; numbering problems: %s%n",
                result.events(), result.loadSeconds(), result.numberedSeconds(), result.eventsPerSecond(), result.events(),
                result.pages(), result.seconds(), pages.getValueAtPercentile(50) / 1e6, pages.getValueAtPercentile(99) / 1e6,
                pages.getMaxValue() / 1e6, result.problems().isEmpty() ? "none" : result.problems());
        System.out.println(replay);
    }

    private String latencyText() {
        Latency l = latency;
        return String.format("%n**(a) Latency:** %,d Slot updates in %d s (%,.0f/s; failed updates: %s), one matching "
                        + "subscription each; notifications missing after the run: **%d**, delivered twice: %d%n%n"
                        + "| from | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |%n|---|---|---|---|---|---|%n%s%s%n"
                        + "%d notifications arrived before the client had read the update's 200 (counted as 0 ms). "
                        + "CPU during the measured run (percent of one core): %s%n",
                l.updates(), l.seconds(), l.updates() / (double) l.seconds(), l.updateErrors().equals("{}") ? "none" : l.updateErrors(),
                l.missing(), l.duplicates(), row("the update's 200 (the target's measure)", l.fromAnswer()),
                row("the update sent", l.fromSent()), l.arrivedBeforeAnswer(), l.cpu());
    }

    private static String row(String from, Histogram h) {
        return String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", from, h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
                h.getMaxValue() / 1e6);
    }

    @Override
    public String toString() {
        StringBuilder r = new StringBuilder();
        r.append("\n## Notifications: latency and fan-out (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `./esus bench notifications").append(String.join(" ", args).isEmpty() ? "" : " ")
                .append(String.join(" ", args)).append("` against `./esus up` (updates and subscriptions through the gateway "
                        + "with a bearer token; the receiver is the benchmark's own HTTP server on 127.0.0.1, answering 204).\n\n");
        setUp.forEach(line -> r.append("- ").append(line).append("\n"));
        if (latency != null) {
            r.append(latencyText());
        }
        fanOuts.forEach(r::append);
        r.append(replay);
        if (!rssAfterRun.isEmpty()) {
            r.append("\n").append(rssAfterRun).append("\n");
        }
        if (latency != null && medianRates.size() == 2) {
            double p99 = latency.fromAnswer().getValueAtPercentile(99) / 1e6;
            r.append(String.format("%nAgainst the targets (issue 4, 2-core machine): p99 <= 100 ms at %,.0f updates/s: %s "
                            + "(%.1f ms, %d missing); >= 3,000 deliveries/s in the fan-out: %s (slowest round %,.0f/s); "
                            + "two replicas faster than one: %s (median round %,.0f/s against %,.0f/s).%n",
                    latency.updates() / (double) latency.seconds(), p99 <= 100 && latency.missing() == 0 ? "met" : "NOT met", p99,
                    latency.missing(), worstFanOutRate >= 3000 ? "met" : "NOT met", worstFanOutRate,
                    medianRates.get(1) > medianRates.get(0) ? "yes" : "NO", medianRates.get(1), medianRates.get(0)));
        }
        if (options.backport() && latency != null) {
            double p99 = latency.fromAnswer().getValueAtPercentile(99) / 1e6;
            r.append(String.format("%nAgainst issue 13's targets (topic-based Subscriptions): p99 <= 100 ms at %,.0f updates/s: "
                            + "%s (%.1f ms); fan-out >= 10,000 deliveries/s with one dispatcher: %s (%,.0f/s)",
                    latency.updates() / (double) latency.seconds(), p99 <= 100 && latency.missing() == 0 ? "met" : "NOT met", p99,
                    !medianRates.isEmpty() && medianRates.get(0) >= 10_000 ? "met" : "NOT met",
                    medianRates.isEmpty() ? 0.0 : medianRates.get(0)));
            r.append(replayEventsPerSecond < 0 ? ".\n" : String.format("; $events replay >= 20,000 events/s: %s (%,.0f/s).%n",
                    replayEventsPerSecond >= 20_000 ? "met" : "NOT met", replayEventsPerSecond));
        }
        return r.toString();
    }
}
