package org.esus.bench;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a fixed arrival rate (open loop) for a warm-up and a measured time: tick n is
 * due at start + n / rate (constant spacing, no randomness in the timing), and what it sends runs
 * on a thread of a large pool, so a slow answer never delays the next send. Every latency is
 * measured from the tick's due time, not from when the request left: when the generator falls
 * behind (all threads busy, a late wake-up) the wait counts in the latencies instead of vanishing
 * from them (coordinated omission). Only ticks due in the measured window are recorded; their
 * answers are awaited after it, however late.
 */
final class OpenLoopRun {

    /** A send is late when it started more than this after its due time. */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One request; returns the outcome its latency is recorded under. */
    @FunctionalInterface
    interface Request {
        String send() throws Exception;
    }

    /** What one tick sends: its attempt, and extra requests due at the same time, timed alike but no attempts. */
    record Sends(Request attempt, List<Request> extra) {
    }

    /** Decides a tick's sends on the generator thread (so it must be quick), drawing from the run's sequence. */
    @FunctionalInterface
    interface Tick {
        Sends at(Random random);
    }

    /**
     * The measured window: outcome → latencies from the due time (ns); the ticks due in it, their
     * attempts that started before it ended, all their sends and those that started late, and the
     * worst start lag (ns).
     */
    record Result(double askedRate, int seconds, Map<String, Histogram> outcomes, long ticks, long attemptsSentInWindow,
            long sends, long lateSends, long maxLagNanos) {

        double achievedRate() {
            return attemptsSentInWindow / (double) seconds;
        }
    }

    private final Map<String, Histogram> outcomes = new TreeMap<>();
    private final long warmupEnd;
    private final long end;
    private long attemptsSentInWindow;
    private long sends;
    private long lateSends;
    private long maxLag;

    private OpenLoopRun(long warmupEnd, long end) {
        this.warmupEnd = warmupEnd;
        this.end = end;
    }

    /**
     * Runs {@code tick} at {@code rate} per second for the run's warm-up and measured seconds on
     * {@code threads} threads (requests beyond them wait in the pool's queue, and that wait counts),
     * the ticks drawing from the run's seed. Returns when every request sent has answered (or after
     * 3 minutes, longer than any client timeout).
     */
    static Result run(double rate, BenchOptions.Run run, int threads, Tick tick) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(run.warmupSeconds());
        OpenLoopRun open = new OpenLoopRun(warmupEnd, warmupEnd + TimeUnit.SECONDS.toNanos(run.seconds()));
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "bench-open-loop-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Random random = new Random(run.seed());
        long ticks = 0;
        double interval = 1e9 / rate;
        for (long n = 0; ; n++) {
            long due = start + (long) (n * interval);
            if (due >= open.end) {
                break;
            }
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            Sends sends = tick.at(random);
            boolean measured = due >= warmupEnd;
            ticks += measured ? 1 : 0;
            pool.execute(() -> open.send(sends.attempt(), due, measured, true));
            for (Request extra : sends.extra()) {
                pool.execute(() -> open.send(extra, due, measured, false));
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        synchronized (open) {
            return new Result(rate, run.seconds(), new TreeMap<>(open.outcomes), ticks, open.attemptsSentInWindow, open.sends,
                    open.lateSends, open.maxLag);
        }
    }

    private void send(Request request, long due, boolean measured, boolean attempt) {
        long started = System.nanoTime();
        String outcome;
        try {
            outcome = LatencyRun.outcomeOf(request::send);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long finished = System.nanoTime();
        if (measured) {
            record(outcome, finished - due, started - due, attempt && started < end);
        }
    }

    private synchronized void record(String outcome, long latency, long lag, boolean attemptSentInWindow) {
        Histogram histogram = outcomes.computeIfAbsent(outcome, o -> LatencyRun.histogram());
        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
        sends++;
        lateSends += lag > LATE_NANOS ? 1 : 0;
        maxLag = Math.max(maxLag, lag);
        attemptsSentInWindow += attemptSentInWindow ? 1 : 0;
    }
}
