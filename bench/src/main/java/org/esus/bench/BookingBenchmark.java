package org.esus.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issue 3's and issue 12's benchmark against a running stack (./esus up): creates free Slots
 * through the gateway, waits until booking-service knows them, then books them for a fixed time,
 * about a fifth of the attempts on a slot that is already booked (409) and the rest on a free one
 * (201). Booked slots are recycled by cancelling (DELETE) the oldest booking whenever more than
 * {@code --booked} of the slots are booked, timed separately. Two ways to send: N closed-loop
 * clients (the throughput), or with {@code --rate R[,R2...]} attempts at fixed arrival rates, one
 * after another ({@link OpenLoopRun}: the latency at a given load). Ends with an audit on the
 * databases: no slot with two active appointments, and slot-service's status agreeing with the
 * active ones. Prints the figures and appends them to docs/benchmarks.md.
 * Run it with {@code ./esus bench bookings [options]}.
 */
public final class BookingBenchmark {

    static final String BOOKED = "201 booked (free slot)";
    static final String CONFLICT = "409 conflict (booked slot)";
    static final String CANCELLED = "cancel: DELETE answered 200";
    static final String DOUBLE = "UNEXPECTED 201 on a booked slot";
    static final String LOST_FREE = "unexpected 409 on a free slot";
    static final String IDLE = "idle: no slot to book or cancel";

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
        Map<String, Histogram> closedLoop = null;
        BookingReport.During closedLoopDuring = null;
        List<BookingReport.AtRate> openLoop = new ArrayList<>();
        if (options.rates().isEmpty()) {
            System.out.printf("%d clients, %d s warm-up, %d s measured ...%n", options.run().clients(),
                    options.run().warmupSeconds(), options.run().seconds());
            Surroundings surroundings = Surroundings.from(options);
            closedLoop = LatencyRun.outcomes(options.run(), bench::step);
            closedLoopDuring = surroundings.until(BookingReport.decisions(closedLoop).getTotalCount());
        }
        for (double rate : options.rates()) {
            System.out.printf("open loop, %,.0f attempts/s: %d s warm-up, %d s measured ...%n", rate,
                    options.run().warmupSeconds(), options.run().seconds());
            Surroundings surroundings = Surroundings.from(options);
            OpenLoopRun.Result result = OpenLoopRun.run(rate, options.run(), options.threads(), bench::tick);
            openLoop.add(new BookingReport.AtRate(result,
                    surroundings.until(BookingReport.decisions(result.outcomes()).getTotalCount())));
        }

        BookingAudit.Result audit = new BookingAudit(options.dbUrl(), options.dbUser(), options.dbPassword())
                .run(slotIds, bench.pool.bookedSlotIds(), options.settleSeconds());
        BookingReport report = new BookingReport(args, options, setup, audit, List.copyOf(bench.doubles), bench.samples,
                bench.pool.setAside());
        String text = closedLoop != null ? report.closedLoop(closedLoop, closedLoopDuring) : report.openLoop(openLoop);
        System.out.println(text);
        BenchmarksDoc.append(options.stack().out(), text);
        if (!report.zeroDoubleBookings()) {
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
     * when the warm-up ends): CPU per process and per decision, booking-service's Kafka Streams
     * counters, its RSS, the load average.
     */
    private record Surroundings(Options options, CompletableFuture<CpuShares> cpu, CompletableFuture<BookingServiceFigures> service,
            ProcessFigures booking, String loadBefore) {

        static Surroundings from(Options options) {
            Executor atWarmupEnd = CompletableFuture.delayedExecutor(options.run().warmupSeconds(), TimeUnit.SECONDS);
            return new Surroundings(options,
                    CompletableFuture.supplyAsync(() -> CpuShares.take(options.stack().stateDir(), ProcessFigures.STACK),
                            atWarmupEnd),
                    CompletableFuture.supplyAsync(() -> BookingServiceFigures.take(options.bookingMetricsUrl()), atWarmupEnd),
                    ProcessFigures.of(options.stack().stateDir(), "booking-service"), readLoadAverage());
        }

        /**
         * Report lines, each starting with "- ", and the stack's CPU per decision: the
         * subscription matcher and the dispatcher count too, as bookings change Slots they read;
         * so do the cancels, which are part of the load.
         */
        BookingReport.During until(long decisions) throws Exception {
            CpuShares now = CpuShares.take(options.stack().stateDir(), ProcessFigures.STACK);
            String serviceFigures = BookingServiceFigures.take(options.bookingMetricsUrl())
                    .since(service.get(), options.run().seconds());
            String lines = "- load average " + loadBefore + " before the run, " + readLoadAverage() + " after; CPU during the "
                    + "measured run (percent of one core): " + now.since(cpu.get()) + "\n"
                    + "- " + now.perOperation(cpu.get(), decisions, "decision") + ", cancels' CPU included\n"
                    + "- booking-service during the measured run: " + serviceFigures + "\n"
                    + "- booking-service RSS " + booking.rssMiB() + " MiB before the run; "
                    + ProcessFigures.of(options.stack().stateDir(), "booking-service") + "\n";
            return new BookingReport.During(lines, now.stackMsPerOperation(cpu.get(), decisions));
        }

        private static String readLoadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }

    /** One closed-loop client request: cancel when too many slots are booked, else a booking attempt. */
    private String step(int client, Random random) throws InterruptedException {
        if (pool.booked() > options.bookedHighWater()) {
            int slot = pool.takeBookedForCancel();
            if (slot >= 0) {
                return cancel(slot);
            }
        }
        String outcome = attempt(random);
        if (outcome.equals(IDLE)) {
            Thread.sleep(1);
        }
        return outcome;
    }

    /**
     * One open-loop tick: a booking attempt, and beside it (not instead, which would lower the
     * attempt rate) a cancel of the oldest booking when too many slots are booked. Each attempt
     * draws from a Random seeded from the run's sequence, so its choices do not depend on which
     * thread runs it when.
     */
    private OpenLoopRun.Sends tick(Random random) {
        Random mine = new Random(random.nextLong());
        int cancel = pool.booked() > options.bookedHighWater() ? pool.takeBookedForCancel() : -1;
        return new OpenLoopRun.Sends(() -> attempt(mine), cancel < 0 ? List.of() : List.of(() -> cancel(cancel)));
    }

    /** Books a booked slot (contention) or a free one; cancels the oldest booking when no slot is free. */
    private String attempt(Random random) throws InterruptedException {
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
        return slot >= 0 ? cancel(slot) : IDLE;
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

    /** {@code rates}: the open loop's attempts per second, one run each (empty: the closed loop); {@code threads}: its pool. */
    record Options(BenchOptions.Stack stack, BenchOptions.Load load, BenchOptions.Run run, int slots, double contention,
            double bookedFraction, String bookingMetricsUrl, String dbUrl, String dbUser, String dbPassword,
            int settleSeconds, String config, List<Double> rates, int threads) {

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
                    args.text("config", "defaults"), rates(args.text("rate", "")), args.integer("threads", 256));
        }

        /** "50,100,200" → [50.0, 100.0, 200.0]. */
        private static List<Double> rates(String list) {
            List<Double> rates = new ArrayList<>();
            for (String rate : list.split(",")) {
                if (!rate.isBlank()) {
                    double r = Double.parseDouble(rate.trim());
                    if (r <= 0) {
                        throw new IllegalArgumentException("--rate takes attempts per second above 0, got " + rate);
                    }
                    rates.add(r);
                }
            }
            return rates;
        }
    }
}
