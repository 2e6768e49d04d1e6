package org.esus.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Issue 3's benchmark against a running stack (./esus up): creates free Slots through the
 * gateway, waits until booking-service knows them, then N clients book them for a fixed time,
 * about a fifth of the attempts on a slot that is already booked (409) and the rest on a free one
 * (201). Booked slots are recycled by cancelling (DELETE) the oldest booking whenever more than
 * {@code --booked} of the slots are booked, by the same clients, timed separately. Ends with an
 * audit on the databases: no slot with two active appointments, and slot-service's status
 * agreeing with the active ones. Prints the figures and appends them to docs/benchmarks.md.
 * Run it with {@code ./esus bench bookings [options]}.
 */
public final class BookingBenchmark {

    static final String BOOKED = "201 booked (free slot)";
    static final String CONFLICT = "409 conflict (booked slot)";
    static final String CANCELLED = "cancel: DELETE answered 200";
    static final String DOUBLE = "UNEXPECTED 201 on a booked slot";
    static final String LOST_FREE = "unexpected 409 on a free slot";

    private final Options options;
    private final BenchClient client;
    private final SlotPool pool;
    /** Appointments made by a 201 on a slot that was booked already: each one is a double booking. */
    private final ConcurrentLinkedQueue<String> doubles = new ConcurrentLinkedQueue<>();
    /** The first answer of each unexpected outcome, for the report. */
    private final Map<String, String> samples = new ConcurrentHashMap<>();

    private BookingBenchmark(Options options, BenchClient client, SlotPool pool) {
        this.options = options;
        this.client = client;
        this.pool = pool;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchClient client = options.stack().client();
        List<String> slotIds = new ArrayList<>();
        String setup = setUp(options, client, slotIds);
        System.out.println(setup);

        BookingBenchmark bench = new BookingBenchmark(options, client, new SlotPool(slotIds, new Random(options.run().seed())));
        System.out.printf("%d clients, %d s warm-up, %d s measured ...%n", options.run().clients(),
                options.run().warmupSeconds(), options.run().seconds());
        Surroundings surroundings = Surroundings.from(options);
        Map<String, Histogram> outcomes = LatencyRun.outcomes(options.run(), bench::step);
        String during = surroundings.until();

        BookingAudit.Result audit = new BookingAudit(options.dbUrl(), options.dbUser(), options.dbPassword())
                .run(slotIds, bench.pool.bookedSlotIds(), options.settleSeconds());
        String report = bench.report(args, setup, outcomes, audit, during);
        System.out.println(report);
        BenchmarksDoc.append(options.stack().out(), report);
        if (!audit.zeroDoubleBookings() || !bench.doubles.isEmpty()) {
            System.exit(2);
        }
    }

    /**
     * Creates the free slots (fresh practitioners every run, so runs do not pile slots on one
     * schedule; the seed fixes only the clients' choices), waits for slot-service's outbox, and
     * probes booking-service with the newest slots. Adds the slot ids; returns what it did.
     */
    private static String setUp(Options options, BenchClient client, List<String> slotIds) throws Exception {
        int practitioners = Math.max(1, options.slots() / options.load().slotsPerPractitioner());
        SlotLoader loader = new SlotLoader(client,
                SlotPopulation.allFree(practitioners, options.load().slotsPerPractitioner(), System.nanoTime()));
        long loadStarted = System.nanoTime();
        slotIds.addAll(loader.loadSlots(loader.createSchedules(), options.load()));
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        double relaySeconds = SlotLoader.waitForOutboxDrain(options.stack().slotMetricsUrl());
        long probeStarted = System.nanoTime();
        int probes = probe(client, slotIds.subList(Math.max(0, slotIds.size() - 64), slotIds.size()));
        return String.format("%,d free slots (%d Schedules, transaction Bundles of %d) created in %.1f s; slot-service's "
                        + "outbox published them %.1f s after the last commit; %d probe bookings of the newest slots (each "
                        + "booked and cancelled) all answered 201 %.1f s later", slotIds.size(), practitioners,
                options.load().bundleSlots(), loadSeconds, relaySeconds, probes, (System.nanoTime() - probeStarted) / 1e9);
    }

    /**
     * What else happened on the machine during the measured window (the first snapshot is taken
     * when the warm-up ends): CPU per process, booking-service's Kafka Streams counters, its RSS,
     * the load average.
     */
    private record Surroundings(Options options, CompletableFuture<CpuShares> cpu, CompletableFuture<BookingServiceFigures> service,
            ProcessFigures booking, String loadBefore) {

        private static final List<String> STACK = List.of("kafka", "slot-service", "booking-service", "gateway");

        static Surroundings from(Options options) {
            Executor atWarmupEnd = CompletableFuture.delayedExecutor(options.run().warmupSeconds(), TimeUnit.SECONDS);
            return new Surroundings(options,
                    CompletableFuture.supplyAsync(() -> CpuShares.take(options.stack().stateDir(), STACK), atWarmupEnd),
                    CompletableFuture.supplyAsync(() -> BookingServiceFigures.take(options.bookingMetricsUrl()), atWarmupEnd),
                    ProcessFigures.of(options.stack().stateDir(), "booking-service"), readLoadAverage());
        }

        /** Report lines, each starting with "- ". */
        String until() throws Exception {
            String cpuShares = CpuShares.take(options.stack().stateDir(), STACK).since(cpu.get());
            String serviceFigures = BookingServiceFigures.take(options.bookingMetricsUrl())
                    .since(service.get(), options.run().seconds());
            return "- load average " + loadBefore + " before the run, " + readLoadAverage() + " after; CPU during the measured "
                    + "run (percent of one core): " + cpuShares + "\n"
                    + "- booking-service during the measured run: " + serviceFigures + "\n"
                    + "- booking-service RSS " + booking.rssMiB() + " MiB before the run; "
                    + ProcessFigures.of(options.stack().stateDir(), "booking-service") + "\n";
        }

        private static String readLoadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }

    /** One client request: cancel when too many slots are booked, else book a booked slot (contention) or a free one. */
    private String step(int client, Random random) throws InterruptedException {
        if (pool.booked() > options.bookedHighWater()) {
            int slot = pool.takeBookedForCancel();
            if (slot >= 0) {
                return cancel(slot);
            }
        }
        if (random.nextDouble() < options.contention()) {
            int slot = pool.pinBooked(random);
            if (slot >= 0) {
                try {
                    return bookBooked(slot, random);
                } finally {
                    pool.unpin(slot);
                }
            }
        }
        int slot = pool.takeFree();
        if (slot >= 0) {
            return bookFree(slot, random);
        }
        slot = pool.takeBookedForCancel();
        if (slot >= 0) {
            return cancel(slot);
        }
        Thread.sleep(1);
        return "idle: no slot to book or cancel";
    }

    private String bookFree(int slot, Random random) throws InterruptedException {
        HttpResponse<String> answer = book(slot, random);
        if (answer != null && answer.statusCode() == 201) {
            pool.markBooked(slot, appointmentId(answer));
            return BOOKED;
        }
        pool.setAside(slot); // what it holds now is unknown: the audit says
        return answer != null && answer.statusCode() == 409 ? sample(LOST_FREE, answer) : error("booking a free slot", answer);
    }

    private String bookBooked(int slot, Random random) throws InterruptedException {
        HttpResponse<String> answer = book(slot, random);
        if (answer != null && answer.statusCode() == 409) {
            return CONFLICT;
        }
        if (answer != null && answer.statusCode() == 201) {
            doubles.add(appointmentId(answer) + " on Slot/" + pool.slotId(slot) + " (held by Appointment/"
                    + pool.appointment(slot) + ")");
            return sample(DOUBLE, answer);
        }
        return error("booking a booked slot", answer);
    }

    private String cancel(int slot) throws InterruptedException {
        HttpResponse<String> answer = send(() -> client.delete("Appointment/" + pool.appointment(slot)));
        if (answer != null && (answer.statusCode() == 200 || answer.statusCode() == 204)) {
            pool.markFree(slot);
            return CANCELLED;
        }
        pool.setAside(slot);
        return error("cancelling", answer);
    }

    private HttpResponse<String> book(int slot, Random random) throws InterruptedException {
        String body = appointment(pool.slotId(slot), Integer.toString(random.nextInt(1_000_000)), "");
        return send(() -> client.post("Appointment", body));
    }

    /** The Appointment a client posts: one slot, one patient, and an identifier when {@code identifier} is not empty. */
    static String appointment(String slotId, String patient, String identifier) {
        return "{\"resourceType\":\"Appointment\",\"status\":\"booked\","
                + (identifier.isEmpty() ? "" : "\"identifier\":[{\"system\":\"urn:esus:bench\",\"value\":\"" + identifier + "\"}],")
                + "\"slot\":[{\"reference\":\"Slot/" + slotId + "\"}],"
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/" + patient + "\"},\"status\":\"accepted\"}]}";
    }

    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /** The answer, or null when the request failed without one (recorded as an error by the caller). */
    private HttpResponse<String> send(Call call) throws InterruptedException {
        try {
            return call.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            samples.putIfAbsent("exception", e.toString());
            return null;
        }
    }

    private String error(String doing, HttpResponse<String> answer) {
        return answer == null ? "error: no answer " + doing : sample("error: " + answer.statusCode() + " " + doing, answer);
    }

    private String sample(String outcome, HttpResponse<String> answer) {
        samples.putIfAbsent(outcome, answer.body().substring(0, Math.min(300, answer.body().length())));
        return outcome;
    }

    private static String appointmentId(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElse("");
        int at = location.indexOf("Appointment/");
        String rest = at < 0 ? "" : location.substring(at + "Appointment/".length());
        return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }

    /**
     * Books each slot and cancels it again; returns how many were probed. A booking answers 422
     * until booking-service has read the slot's event, and 503 while its stream tasks are not
     * running yet (after a restart, until the group has rebalanced). A request that answered 503
     * may still claim the slot later, so the probe carries an identifier: its retries get the
     * first request's result instead of a 409 (CONTRACT section 4).
     */
    private static int probe(BenchClient client, List<String> slots) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        for (String slot : slots) {
            String body = appointment(slot, "probe", "probe-" + slot);
            while (true) {
                HttpResponse<String> answer = client.post("Appointment", body);
                if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                    String id = answer.statusCode() == 201 ? appointmentId(answer)
                            : SlotLoader.ok(answer).get("id").asText();
                    SlotLoader.ok(client.delete("Appointment/" + id));
                    break;
                }
                if (System.nanoTime() > deadline || (answer.statusCode() != 422 && answer.statusCode() != 503)) {
                    throw new IllegalStateException("probe booking of Slot/" + slot + ": HTTP " + answer.statusCode() + " "
                            + answer.body());
                }
                Thread.sleep(250);
            }
        }
        return slots.size();
    }

    private String report(String[] args, String setup, Map<String, Histogram> outcomes, BookingAudit.Result audit,
            String during) {
        double seconds = options.run().seconds();
        long booked = count(outcomes, BOOKED) + count(outcomes, DOUBLE);
        long conflicts = count(outcomes, CONFLICT) + count(outcomes, LOST_FREE);
        Histogram decisions = LatencyRun.histogram();
        for (String outcome : List.of(BOOKED, CONFLICT, DOUBLE, LOST_FREE)) {
            if (outcomes.containsKey(outcome)) {
                decisions.add(outcomes.get(outcome));
            }
        }
        long errors = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("error") || e.getKey().startsWith("exception"))
                .mapToLong(e -> e.getValue().getTotalCount()).sum();
        double decisionRate = (booked + conflicts) / seconds;
        double p99 = decisions.getValueAtPercentile(99) / 1e6;

        StringBuilder r = new StringBuilder();
        r.append("\n## Booking-service: booking under contention (").append(Instant.now()).append(")\n\n")
                .append("Machine: ").append(MachineInfo.describe()).append("\n\n")
                .append("Command: `").append(command(args))
                .append("` against `./esus up` (every request through the gateway on :8080, bearer token verified on each). ")
                .append("booking-service configuration: ").append(options.config().equals("defaults")
                        ? "application.properties as committed" : "application.properties with " + options.config())
                .append(".\n\n")
                .append("- ").append(setup).append("\n")
                .append(String.format("- %d concurrent clients (closed loop), %d s warm-up, %d s measured; each attempt books a "
                        + "booked slot with probability %.2f, else a free one; whenever more than %,d slots are booked the "
                        + "client cancels the oldest booking instead (DELETE), so cancels are about 4/5 of the bookings%n",
                        options.run().clients(), options.run().warmupSeconds(), options.run().seconds(), options.contention(),
                        options.bookedHighWater()))
                .append(String.format("- **%,.0f decisions/s** (201 + 409; %,.0f bookings/s, %,.0f conflicts/s, realized "
                        + "contention %.1f %%), %,.0f cancels/s besides; p99 of all decisions %.1f ms; %d errors%n", decisionRate,
                        booked / seconds, conflicts / seconds, 100.0 * conflicts / Math.max(1, booked + conflicts),
                        count(outcomes, CANCELLED) / seconds, p99, errors))
                .append(during).append("\n")
                .append("| answer | count | per s | mean ms | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        outcomes.forEach((outcome, h) -> row(r, outcome, h, seconds));
        row(r, "all decisions (201 + 409)", decisions, seconds);
        r.append("\n").append(auditText(audit));
        r.append(String.format("%nAgainst the targets (issue 3, 2-core machine): >= 800 decisions/s: %s (%,.0f); p99 <= 40 ms: %s "
                        + "(%.1f ms over all decisions, 201 %.1f ms, 409 %.1f ms); zero double bookings: %s.%n",
                decisionRate >= 800 ? "met" : "NOT met", decisionRate, p99 <= 40 ? "met" : "NOT met", p99,
                percentile(outcomes, BOOKED, 99), percentile(outcomes, CONFLICT, 99),
                audit.zeroDoubleBookings() && doubles.isEmpty() ? "met" : "NOT met"));
        if (!samples.isEmpty()) {
            r.append("\nFirst answer of each unexpected outcome:\n\n");
            samples.forEach((outcome, body) -> r.append("- ").append(outcome).append(": `").append(body.replace('`', '\'')
                    .replace('\n', ' ')).append("`\n"));
        }
        return r.toString();
    }

    /** The command line as typed: the script hands the --config options over joined by commas. */
    private static String command(String[] args) {
        StringBuilder c = new StringBuilder("./esus bench bookings");
        for (int i = 0; i + 1 < args.length; i += 2) {
            for (String value : args[i].equals("--config") ? args[i + 1].split(",") : new String[] {args[i + 1]}) {
                c.append(' ').append(args[i]).append(' ').append(value);
            }
        }
        return c.toString();
    }

    private String auditText(BookingAudit.Result audit) {
        StringBuilder a = new StringBuilder("Audit (esus_booking and esus_slot, after the run):\n\n");
        a.append("- double bookings: `").append(BookingAudit.DOUBLE_BOOKED.replace(" ORDER BY count(*) DESC LIMIT 20", ""))
                .append("` over every appointment → **").append(audit.doubleBooked().size()).append(" rows**")
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
                audit.benchBookedNotActive().size(), audit.activeNotBenchBooked().size(), pool.setAside(),
                examples(audit.benchBookedNotActive(), audit.activeNotBenchBooked())));
        return a.toString();
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

    private static long count(Map<String, Histogram> outcomes, String outcome) {
        return outcomes.containsKey(outcome) ? outcomes.get(outcome).getTotalCount() : 0;
    }

    private static double percentile(Map<String, Histogram> outcomes, String outcome, double p) {
        return outcomes.containsKey(outcome) ? outcomes.get(outcome).getValueAtPercentile(p) / 1e6 : Double.NaN;
    }

    record Options(BenchOptions.Stack stack, BenchOptions.Load load, BenchOptions.Run run, int slots, double contention,
            double bookedFraction, String bookingMetricsUrl, String dbUrl, String dbUser, String dbPassword,
            int settleSeconds, String config) {

        int bookedHighWater() {
            return (int) (slots * bookedFraction);
        }

        static Options parse(String[] arguments) {
            Args args = Args.parse(arguments);
            String dbUrl = System.getenv("ESUS_DB_URL") == null ? "jdbc:postgresql://127.0.0.1:5432" : System.getenv("ESUS_DB_URL");
            return new Options(BenchOptions.Stack.of(args), BenchOptions.Load.of(args), BenchOptions.Run.of(args, 32, 10, 60),
                    args.integer("slots", 10_000), args.fraction("contention", 0.2), args.fraction("booked", 0.3),
                    args.text("booking-metrics", "http://127.0.0.1:8082/q/metrics"), args.text("db-url", dbUrl),
                    args.text("db-user", "esus"), args.text("db-password", "esus"), args.integer("settle", 30),
                    args.text("config", "defaults"));
        }
    }
}
