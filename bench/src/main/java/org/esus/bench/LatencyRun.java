package org.esus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs N concurrent clients (closed loop: each sends its next request when the last answered)
 * for a fixed time after a warm-up, and records every latency under the outcome the request
 * reported. {@link #run} is the single-query form: one query shape, outcome ok or error.
 */
final class LatencyRun {

    private static final String OK = "ok";

    record Result(String name, int clients, long requests, long errors, double seconds, Histogram latencies) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            return latencies.getValueAtPercentile(p) / 1_000_000.0;
        }
    }

    /** One request of one client; returns the outcome its latency is recorded under. */
    @FunctionalInterface
    interface Request {
        String send(int client, Random random) throws Exception;
    }

    /** One query shape; {@code seedOffset} is added to the run's seed, so each query draws its own sequence. */
    static Result run(String name, BenchClient client, BenchOptions.Run run, IntFunction<String> queryForDraw, int draws,
            int seedOffset) throws InterruptedException {
        Map<String, Histogram> outcomes = outcomes(run.reseeded(seedOffset),
                (c, random) -> client.get(queryForDraw.apply(random.nextInt(draws))).statusCode() == 200 ? OK : "error");
        Histogram all = histogram();
        outcomes.values().forEach(all::add);
        long ok = outcomes.containsKey(OK) ? outcomes.get(OK).getTotalCount() : 0;
        return new Result(name, run.clients(), all.getTotalCount(), all.getTotalCount() - ok, run.seconds(), all);
    }

    /**
     * The general form: every client calls {@code request} in a loop; a request that throws is
     * recorded under "exception: <its class>". Only requests that started after the warm-up and
     * finished before the end count. Returns outcome → latencies (ns), in outcome order.
     */
    static Map<String, Histogram> outcomes(BenchOptions.Run run, Request request) throws InterruptedException {
        List<Map<String, Histogram>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(run.warmupSeconds());
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(run.seconds());
        for (int c = 0; c < run.clients(); c++) {
            Map<String, Histogram> mine = new TreeMap<>();
            perClient.add(mine);
            int clientIndex = c;
            Thread thread = new Thread(() -> {
                Random random = new Random(run.seed() + clientIndex);
                while (true) {
                    long started = System.nanoTime();
                    if (started >= end) {
                        return;
                    }
                    String outcome;
                    try {
                        outcome = outcomeOf(() -> request.send(clientIndex, random));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long finished = System.nanoTime();
                    if (started >= warmupEnd && finished <= end) {
                        Histogram histogram = mine.computeIfAbsent(outcome, o -> histogram());
                        histogram.recordValue(Math.min(finished - started, histogram.getHighestTrackableValue()));
                    }
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Map<String, Histogram> all = new TreeMap<>();
        perClient.forEach(m -> m.forEach((outcome, h) -> all.computeIfAbsent(outcome, o -> histogram()).add(h)));
        return all;
    }

    /** What a request reports, or "exception: <its class>" when it threw; an interrupt ends the caller's loop. */
    static String outcomeOf(java.util.concurrent.Callable<String> request) throws InterruptedException {
        try {
            return request.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return "exception: " + e.getClass().getSimpleName();
        }
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    }
}
