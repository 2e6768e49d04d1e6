package org.esus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs one query shape with N concurrent clients (closed loop: each sends its next request when
 * the last answered) for a fixed time after a warm-up, and records every latency.
 */
final class LatencyRun {

    record Result(String name, int clients, long requests, long errors, double seconds, Histogram latencies) {
        double throughput() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            return latencies.getValueAtPercentile(p) / 1_000_000.0;
        }
    }

    static Result run(String name, BenchClient client, int clients, int warmupSeconds, int seconds,
            IntFunction<String> queryForDraw, int draws, long seed) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        long[] counts = new long[clients];
        for (int c = 0; c < clients; c++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            histograms.add(histogram);
            int clientIndex = c;
            Thread thread = new Thread(() -> {
                Random random = new Random(seed + clientIndex);
                while (true) {
                    long started = System.nanoTime();
                    if (started >= end) {
                        return;
                    }
                    String query = queryForDraw.apply(random.nextInt(draws));
                    boolean ok;
                    try {
                        ok = client.get(query).statusCode() == 200;
                    } catch (Exception e) {
                        ok = false;
                    }
                    long finished = System.nanoTime();
                    if (started >= warmupEnd && finished <= end) {
                        histogram.recordValue(Math.min(finished - started, histogram.getHighestTrackableValue()));
                        counts[clientIndex]++;
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        histograms.forEach(all::add);
        long requests = 0;
        for (long count : counts) {
            requests += count;
        }
        return new Result(name, clients, requests, errors.get(), seconds, all);
    }
}
