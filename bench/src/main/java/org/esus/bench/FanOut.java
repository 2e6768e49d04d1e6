package org.esus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.BitSet;
import java.util.List;

/**
 * One Slot change that matches every subscription of the fan-out channel, timed until each
 * subscriber has its notification: from the update's 200 until the matcher has produced them all
 * (its esus_matcher_notifications counter) and until the last one arrived at the sink.
 */
final class FanOut {

    static final String CHANNEL = "fanout";

    /** One round; times in ms from the update's 200. Delivered counts distinct subscribers. */
    record Round(int subscribers, int delivered, int duplicates, double matchedMs, double firstMs, double allMs) {

        double deliveriesPerSecond() {
            return delivered / (allMs / 1000.0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchClient client;
    private final WebhookSink sink;
    private final SlotChanges.SlotRef slot;
    private final int subscribers;
    private final String matcherMetricsUrl;
    private boolean busy;

    FanOut(BenchClient client, WebhookSink sink, SlotChanges.SlotRef slot, int subscribers, String matcherMetricsUrl) {
        this.client = client;
        this.sink = sink;
        this.slot = slot;
        this.subscribers = subscribers;
        this.matcherMetricsUrl = matcherMetricsUrl;
    }

    /** Flips the slot once and waits (up to {@code timeoutSeconds}) until every subscriber has it. */
    Round round(int timeoutSeconds) throws Exception {
        sink.drain(); // anything late from earlier rounds is not this round's
        double matchedBefore = matched();
        busy = !busy;
        HttpResponse<String> answer = client.put("Slot/" + slot.id(),
                SlotPopulation.slot(slot.id(), slot.scheduleId(), slot.index(), busy ? "busy" : "free"));
        long answered = System.nanoTime();
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("fan-out update: HTTP " + answer.statusCode() + " " + answer.body());
        }
        String version = Notified.slotVersion(slot.id(), JSON.readTree(answer.body()).path("meta").path("versionId").asText());
        BitSet delivered = new BitSet(subscribers);
        int duplicates = 0;
        long first = -1;
        long last = -1;
        long matchedAt = -1;
        long deadline = answered + timeoutSeconds * 1_000_000_000L;
        while (delivered.cardinality() < subscribers && System.nanoTime() < deadline) {
            List<WebhookSink.Arrival> arrivals = sink.drain();
            for (WebhookSink.Arrival arrival : arrivals) {
                Notified n = Notified.of(arrival);
                if (!n.channel().equals(CHANNEL) || !n.slotVersion().equals(version)) {
                    continue;
                }
                first = first < 0 ? n.nanos() : Math.min(first, n.nanos());
                last = Math.max(last, n.nanos());
                if (delivered.get(n.subscriber())) {
                    duplicates++;
                }
                delivered.set(n.subscriber());
            }
            if (matchedAt < 0 && matched() - matchedBefore >= subscribers) {
                matchedAt = System.nanoTime(); // within the poll interval below
            }
            if (arrivals.isEmpty()) {
                Thread.sleep(20);
            }
        }
        return new Round(subscribers, delivered.cardinality(), duplicates, ms(matchedAt, answered), ms(first, answered),
                ms(last, answered));
    }

    private double matched() throws Exception {
        return PrometheusText.sum(PrometheusText.scrape(matcherMetricsUrl), "esus_matcher_notifications_total", "");
    }

    private static double ms(long at, long from) {
        return at < 0 ? Double.NaN : (at - from) / 1e6;
    }
}
