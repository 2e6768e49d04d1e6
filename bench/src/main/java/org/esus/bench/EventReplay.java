package org.esus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Phase (d) of the notification benchmark (issue 13): a client of a topic-based Subscription that
 * was down catches up with {@code $events}. One Subscription on every Slot change ({@code Slot}
 * filter) is created, then {@code events} Slots are loaded (100 practitioners, transaction
 * Bundles of 1,000), each creation one event of that Subscription; once {@code $status} counts
 * them all, {@code $events} pages through them from event 1, as the client would, checking that
 * the numbers run without gaps.
 */
final class EventReplay {

    static final String CHANNEL = "replay";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRACTITIONERS = 100;

    /** What the replay took: its pages, their latencies (ns) and what did not add up. */
    record Result(long events, int pages, double seconds, Histogram pageLatency, String problems, double loadSeconds,
            double numberedSeconds) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final BenchClient client;
    private final WebhookSink sink;
    private final SubscriptionLoader subscriptions;

    EventReplay(BenchClient client, WebhookSink sink, String subscriptionReadiness) {
        this.client = client;
        this.sink = sink;
        this.subscriptions = new SubscriptionLoader(client, subscriptionReadiness, true);
    }

    /** Returns the figures; {@code created} receives the Subscription's id, to be deleted at the end. */
    Result run(int events, List<String> created) throws Exception {
        int before = subscriptions.matcherView();
        String subscription = subscriptions.create(1, n -> "Slot", n -> sink.endpoint(CHANNEL, n), 1).get(0);
        created.add(subscription);
        subscriptions.awaitMatcherView(before + 1, Duration.ofMinutes(2));

        long started = System.nanoTime();
        SlotPopulation population = SlotPopulation.allFree(PRACTITIONERS, events / PRACTITIONERS, System.nanoTime());
        SlotLoader loader = new SlotLoader(client, population);
        loader.loadSlots(loader.createSchedules(), new BenchOptions.Load(events / PRACTITIONERS, 1000, 2));
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long total = PRACTITIONERS * (long) (events / PRACTITIONERS);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count(subscription) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("$status counts " + count(subscription) + " of " + total + " events after 10 min");
            }
            sink.drain(); // the dispatcher delivers them meanwhile; the sink must not hold them all
            Thread.sleep(500);
        }
        double numberedSeconds = (System.nanoTime() - started) / 1e9;
        sink.drain();

        Histogram pages = LatencyRun.histogram();
        StringBuilder problems = new StringBuilder();
        long next = 1;
        int pageCount = 0;
        long replayStarted = System.nanoTime();
        while (next <= total) {
            long sent = System.nanoTime();
            HttpResponse<String> answer = client.get("Subscription/" + subscription + "/$events?eventsSinceNumber=" + next);
            pages.recordValue(Math.min(System.nanoTime() - sent, pages.getHighestTrackableValue()));
            pageCount++;
            if (answer.statusCode() != 200) {
                problems.append("HTTP ").append(answer.statusCode()).append(" at event ").append(next).append("; ");
                break;
            }
            long first = next;
            for (JsonNode parameter : JSON.readTree(answer.body()).path("entry").path(0).path("resource").path("parameter")) {
                if (!"notification-event".equals(parameter.path("name").asText())) {
                    continue;
                }
                long number = Long.parseLong(parameter.path("part").path(0).path("valueString").asText());
                if (number != next) {
                    problems.append("event ").append(number).append(" where ").append(next).append(" was due; ");
                }
                next = number + 1;
            }
            if (next == first) {
                problems.append("an empty page at event ").append(next).append("; ");
                break;
            }
            sink.drain();
        }
        double seconds = (System.nanoTime() - replayStarted) / 1e9;
        return new Result(next - 1, pageCount, seconds, pages, problems.toString(), loadSeconds, numberedSeconds);
    }

    private long count(String subscription) throws Exception {
        HttpResponse<String> answer = client.get("Subscription/" + subscription + "/$status");
        if (answer.statusCode() != 200) {
            return -1;
        }
        for (JsonNode parameter : JSON.readTree(answer.body()).path("entry").path(0).path("resource").path("parameter")) {
            if ("events-since-subscription-start".equals(parameter.path("name").asText())) {
                return Long.parseLong(parameter.path("valueString").asText());
            }
        }
        return -1;
    }
}
