package org.esus.system;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client load that runs through a fault: a few worker threads repeat a request until stopped,
 * pausing between requests so the load stays bounded, and count what they saw by outcome
 * ({@link #outcome}): a status, "503 Retry-After" (what a client must get while a dependency is
 * down), "hang" (no answer within the client's timeout) or the exception that ended a request.
 */
final class BoundedLoad implements AutoCloseable {

    /** One request of worker {@code worker}; returns the answer to classify, or null when it chose to skip. */
    @FunctionalInterface
    interface Request {
        HttpResponse<String> send(int worker) throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    private BoundedLoad() {
    }

    static BoundedLoad start(String name, int workers, long pauseMillis, Request request) {
        BoundedLoad load = new BoundedLoad();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                while (load.running.get()) {
                    try {
                        HttpResponse<String> answer = request.send(worker);
                        if (answer != null) {
                            load.count(outcome(answer));
                        }
                    } catch (HttpTimeoutException e) {
                        load.count("hang");
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        load.count("exception " + e.getClass().getSimpleName());
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, name + "-" + w);
            load.workers.add(thread);
            thread.start();
        }
        return load;
    }

    static String outcome(HttpResponse<String> answer) {
        if (answer.statusCode() == 503) {
            return answer.headers().firstValue("Retry-After").isPresent() ? "503 Retry-After" : "503 without Retry-After";
        }
        return Integer.toString(answer.statusCode());
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Waits until the workers have seen {@code more} further answers of the given outcomes (e.g.
     * successful bookings once a restarted service is back), so a phase of a test ends on what
     * happened, not on a guess of how long it takes on a busy machine.
     */
    void awaitMore(int more, Duration timeout, String... oneOf) throws InterruptedException {
        int target = count(oneOf) + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(oneOf) < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the load saw " + count(oneOf) + " of " + target + " " + String.join("/", oneOf)
                        + " answers within " + timeout + ": " + outcomes());
            }
            Thread.sleep(50);
        }
    }

    /** Stops the workers (each finishes its request in flight) and returns the outcomes. */
    Map<String, Integer> stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        return outcomes();
    }

    Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
        return counts;
    }

    int count(String... oneOf) {
        int sum = 0;
        for (String outcome : oneOf) {
            AtomicInteger count = outcomes.get(outcome);
            sum += count == null ? 0 : count.get();
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
