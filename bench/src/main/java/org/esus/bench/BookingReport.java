package org.esus.bench;

import static org.esus.bench.BookingBenchmark.BOOKED;
import static org.esus.bench.BookingBenchmark.CANCELLED;
import static org.esus.bench.BookingBenchmark.CONFLICT;
import static org.esus.bench.BookingBenchmark.DOUBLE;
import static org.esus.bench.BookingBenchmark.LOST_FREE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The booking benchmark's section of docs/benchmarks.md: the closed loop (N clients) or the open
 * loop (one or more fixed arrival rates), then the audit and the targets of issue 12.
 */
final class BookingReport {

    /** What the machine did during a measured run: report lines, and the stack's CPU per decision (ms). */
    record During(String lines, double cpuMsPerDecision) {
    }

    /** One arrival rate of the open loop. */
    record AtRate(OpenLoopRun.Result result, During during) {
    }

    private final String[] args;
    private final BookingBenchmark.Options options;
    private final String setup;
    private final BookingAudit.Result audit;
    private final List<String> doubles;
    private final Map<String, String> samples;
    private final int setAside;

    /**
     * {@code doubles}: the 201 answers seen on booked slots; {@code samples}: the first answer of
     * each unexpected outcome; {@code setAside}: slots the benchmark stopped using after one.
     */
    BookingReport(String[] args, BookingBenchmark.Options options, String setup, BookingAudit.Result audit, List<String> doubles,
            Map<String, String> samples, int setAside) {
        this.args = args;
        this.options = options;
        this.setup = setup;
        this.audit = audit;
        this.doubles = doubles;
        this.samples = samples;
        this.setAside = setAside;
    }

    /** The 201 and 409 answers (expected or not): the decisions the targets are about. */
    static Histogram decisions(Map<String, Histogram> outcomes) {
        Histogram decisions = LatencyRun.histogram();
        for (String outcome : List.of(BOOKED, CONFLICT, DOUBLE, LOST_FREE)) {
            if (outcomes.containsKey(outcome)) {
                decisions.add(outcomes.get(outcome));
            }
        }
        return decisions;
    }

    boolean zeroDoubleBookings() {
        return audit.zeroDoubleBookings() && doubles.isEmpty();
    }

    String closedLoop(Map<String, Histogram> outcomes, During during) {
        double seconds = options.run().seconds();
        long booked = count(outcomes, BOOKED) + count(outcomes, DOUBLE);
        long conflicts = count(outcomes, CONFLICT) + count(outcomes, LOST_FREE);
        Histogram decisions = decisions(outcomes);
        double decisionRate = (booked + conflicts) / seconds;
        double p99 = decisions.getValueAtPercentile(99) / 1e6;

        StringBuilder r = header("Booking-service: booking under contention");
        r.append(String.format("- %d concurrent clients (closed loop), %d s warm-up, %d s measured; each attempt books a "
                        + "booked slot with probability %.2f, else a free one; whenever more than %,d slots are booked the "
                        + "client cancels the oldest booking instead (DELETE), so cancels are about 4/5 of the bookings%n",
                        options.run().clients(), options.run().warmupSeconds(), options.run().seconds(), options.contention(),
                        options.bookedHighWater()))
                .append(String.format("- **%,.0f decisions/s** (201 + 409; %,.0f bookings/s, %,.0f conflicts/s, realized "
                        + "contention %.1f %%), %,.0f cancels/s besides; p99 of all decisions %.1f ms; %d errors%n", decisionRate,
                        booked / seconds, conflicts / seconds, 100.0 * conflicts / Math.max(1, booked + conflicts),
                        count(outcomes, CANCELLED) / seconds, p99, errors(outcomes)))
                .append(during.lines()).append("\n");
        outcomeTable(r, outcomes, seconds);
        r.append("\n").append(ProcessFigures.rssAfterRun(options.stack().stateDir(), ProcessFigures.STACK)).append("\n\n")
                .append(auditText());
        double cpu = during.cpuMsPerDecision();
        r.append(String.format("%nAgainst the targets (issue 12, 2-core machine): >= 800 decisions/s: %s (%,.0f); <= 2 ms of CPU "
                        + "per decision across the stack: %s (%.2f ms); zero double bookings: %s.%n",
                met(decisionRate >= 800), decisionRate, met(cpu <= 2), cpu, met(zeroDoubleBookings())));
        return r.append(samplesText()).toString();
    }

    String openLoop(List<AtRate> rates) {
        String asked = rates.stream().map(a -> String.format("%,.0f", a.result().askedRate())).collect(Collectors.joining(", "));
        StringBuilder r = header("Booking-service: bookings at a fixed arrival rate (open loop, " + asked + " attempts/s)");
        r.append(String.format("- open loop: attempts at a fixed arrival rate with constant spacing (1/rate apart), each sent "
                        + "on a thread of a pool of %d so that a slow answer never delays the next; every latency runs from the "
                        + "attempt's scheduled send time (time waiting in the generator counts); each rate %d s warm-up, %d s "
                        + "measured, one after another; an attempt books a booked slot with probability %.2f, else a free one; "
                        + "whenever more than %,d slots are booked a tick also cancels the oldest booking (DELETE), sent beside "
                        + "its attempt and reported apart%n%n", options.threads(), options.run().warmupSeconds(),
                options.run().seconds(), options.contention(), options.bookedHighWater()))
                .append("| asked attempts/s | sent/s | decisions/s | cancels/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                        + "| sends > 1 ms late | CPU per decision ms | errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (AtRate rate : rates) {
            OpenLoopRun.Result run = rate.result();
            Histogram d = decisions(run.outcomes());
            r.append(String.format("| %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %,d of %,d | %.2f | %d |%n",
                    run.askedRate(), run.achievedRate(), d.getTotalCount() / (double) run.seconds(),
                    count(run.outcomes(), CANCELLED) / (double) run.seconds(), d.getValueAtPercentile(50) / 1e6,
                    d.getValueAtPercentile(90) / 1e6, d.getValueAtPercentile(99) / 1e6, d.getValueAtPercentile(99.9) / 1e6,
                    d.getMaxValue() / 1e6, run.lateSends(), run.sends(), rate.during().cpuMsPerDecision(),
                    errors(run.outcomes())));
        }
        for (AtRate rate : rates) {
            OpenLoopRun.Result run = rate.result();
            r.append(String.format("%n**%,.0f attempts/s asked, %,.0f/s sent** (%,d ticks measured; %,d of %,d sends started "
                            + "more than 1 ms after their scheduled time, the latest %.1f ms after)%n%n", run.askedRate(),
                    run.achievedRate(), run.ticks(), run.lateSends(), run.sends(), run.maxLagNanos() / 1e6))
                    .append(rate.during().lines()).append("\n");
            outcomeTable(r, run.outcomes(), run.seconds());
        }
        r.append("\n").append(ProcessFigures.rssAfterRun(options.stack().stateDir(), ProcessFigures.STACK)).append("\n\n")
                .append(auditText());
        List<String> p99s = new ArrayList<>();
        for (AtRate rate : rates) {
            double p99 = decisions(rate.result().outcomes()).getValueAtPercentile(99) / 1e6;
            p99s.add(String.format("%s at %,.0f/s (%.1f ms)", met(p99 <= 20), rate.result().askedRate(), p99));
        }
        r.append(String.format("%nAgainst the targets (issue 12, 2-core machine): p99 <= 20 ms over all decisions (201 + 409): "
                + "%s; zero double bookings: %s.%n", String.join(", ", p99s), met(zeroDoubleBookings())));
        return r.append(samplesText()).toString();
    }

    private StringBuilder header(String title) {
        return new StringBuilder("\n## ").append(title).append(" (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `").append(command())
                .append("` against `./esus up` (every request through the gateway on :8080, bearer token verified on each). ")
                .append("booking-service configuration: ").append(options.config().equals("defaults")
                        ? "application.properties as committed" : "application.properties with " + options.config())
                .append(".\n\n")
                .append("- ").append(setup).append("\n");
    }

    private static void outcomeTable(StringBuilder r, Map<String, Histogram> outcomes, double seconds) {
        r.append("| answer | count | per s | mean ms | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        outcomes.forEach((outcome, h) -> row(r, outcome, h, seconds));
        row(r, "all decisions (201 + 409)", decisions(outcomes), seconds);
    }

    /** The command line as typed: the script hands the --config options over joined by commas. */
    private String command() {
        StringBuilder c = new StringBuilder("./esus bench bookings");
        for (int i = 0; i + 1 < args.length; i += 2) {
            for (String value : args[i].equals("--config") ? args[i + 1].split(",") : new String[] {args[i + 1]}) {
                c.append(' ').append(args[i]).append(' ').append(value);
            }
        }
        return c.toString();
    }

    private String auditText() {
        StringBuilder a = new StringBuilder("Audit (esus_booking and esus_slot, after the run):\n\n");
        a.append("- double bookings: `").append(BookingAudit.DOUBLE_BOOKED.replace(" ORDER BY count(*) DESC LIMIT 20", ""))
                .append("` over every appointment, `?` being the ").append(audit.overbookedSlots())
                .append(" slots of `").append(BookingAudit.OVERBOOKED).append("` in esus_slot (they may hold several) → **")
                .append(audit.doubleBooked().size()).append(" rows**")
                .append(audit.doubleBooked().isEmpty() ? "" : ": " + String.join(", ", audit.doubleBooked())).append("\n");
        a.append("- 201 answers to a booking of an already booked slot (a double booking seen live): ").append(doubles.size())
                .append(doubles.isEmpty() ? "" : ": " + String.join("; ", doubles)).append("\n");
        a.append(String.format("- appointments on this run's slots by state: %s; %,d slots with an active appointment%n",
                audit.byState(), audit.activeSlots()));
        a.append(String.format("- slot-service after %.1f s of settling: %d slots active in booking-service but not busy, %d busy "
                        + "without an active appointment%s%n", audit.settleSeconds(), audit.activeNotBusy().size(),
                audit.busyNotActive().size(), examples(audit.activeNotBusy(), audit.busyNotActive())));
        a.append(String.format("- the benchmark's own view: %d slots it saw booked have no active appointment, %d active "
                        + "appointments' slots it did not book or set aside (%d slots set aside after an unexpected answer)%s%n",
                audit.benchBookedNotActive().size(), audit.activeNotBenchBooked().size(), setAside,
                examples(audit.benchBookedNotActive(), audit.activeNotBenchBooked())));
        return a.toString();
    }

    private String samplesText() {
        if (samples.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nFirst answer of each unexpected outcome:\n\n");
        samples.forEach((outcome, body) -> s.append("- ").append(outcome).append(": `").append(body.replace('`', '\'')
                .replace('\n', ' ')).append("`\n"));
        return s.toString();
    }

    private static String examples(List<String> first, List<String> second) {
        List<String> some = new ArrayList<>(first.subList(0, Math.min(3, first.size())));
        some.addAll(second.subList(0, Math.min(3, second.size())));
        return some.isEmpty() ? "" : " (e.g. " + String.join(", ", some) + ")";
    }

    private static void row(StringBuilder r, String outcome, Histogram h, double seconds) {
        r.append(String.format("| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n", outcome, h.getTotalCount(),
                h.getTotalCount() / seconds, h.getMean() / 1e6, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6));
    }

    private static long errors(Map<String, Histogram> outcomes) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("error") || e.getKey().startsWith("exception"))
                .mapToLong(e -> e.getValue().getTotalCount()).sum();
    }

    private static long count(Map<String, Histogram> outcomes, String outcome) {
        return outcomes.containsKey(outcome) ? outcomes.get(outcome).getTotalCount() : 0;
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }
}
