package org.esus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Creates and deletes the benchmark's rest-hook Subscriptions through the gateway, and waits
 * until subscription-service's matcher holds them: its readiness check reports the size of the
 * matcher's view ({@code subscriptions}), which grows once esus.subscriptions has carried them.
 */
final class SubscriptionLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "https://esus.org/fhir/SubscriptionTopic/slot-changes";
    private static final String IG = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    private final BenchClient client;
    private final String readinessUrl;
    private final boolean topicBased;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param topicBased create topic-based Subscriptions (Subscriptions R5 Backport IG, full-resource)
     *                   instead of {@code Slot?} criteria ones
     */
    SubscriptionLoader(BenchClient client, String readinessUrl, boolean topicBased) {
        this.client = client;
        this.readinessUrl = readinessUrl;
        this.topicBased = topicBased;
    }

    /** Creates {@code count} Subscriptions, n-th with criteria(n) and endpoint(n); returns their ids in order. */
    List<String> create(int count, IntFunction<String> criteria, IntFunction<String> endpoint, int concurrency)
            throws Exception {
        List<Future<String>> created = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int n = 0; n < count; n++) {
                String body = subscription(criteria.apply(n), endpoint.apply(n));
                created.add(pool.submit(() -> {
                    HttpResponse<String> answer = client.post("Subscription", body);
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException("creating a Subscription: HTTP " + answer.statusCode() + " " + answer.body());
                    }
                    return JSON.readTree(answer.body()).get("id").asText();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : created) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deletes them again (each one's later notifications stop), so runs do not pile subscriptions up. */
    void delete(List<String> ids, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Integer>> deleted = new ArrayList<>();
            for (String id : ids) {
                deleted.add(pool.submit(() -> client.delete("Subscription/" + id).statusCode()));
            }
            for (Future<Integer> status : deleted) {
                status.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until no topic-based Subscription is still {@code requested}: their handshakes, and the
     * status writes their delivery causes, must not overlap what is measured next. Returns the
     * seconds it took (0 for criteria Subscriptions, which start active).
     */
    double awaitHandshakes(Duration timeout) throws Exception {
        long started = System.nanoTime();
        while (topicBased) {
            HttpResponse<String> answer = client.get("Subscription?status=requested&_count=0");
            if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("total").asLong(-1) == 0) {
                break;
            }
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new IllegalStateException("Subscriptions still requested after " + timeout + ": " + answer.body());
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** How many subscriptions the matcher's view holds now. */
    int matcherView() throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(readinessUrl)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
            if (check.path("data").has("subscriptions")) {
                return check.path("data").path("subscriptions").asInt();
            }
        }
        throw new IllegalStateException("no subscription count in " + readinessUrl + ": " + ready.body());
    }

    /** Waits until the matcher's view holds at least {@code size}; returns the seconds it took. */
    double awaitMatcherView(int size, Duration timeout) throws Exception {
        long started = System.nanoTime();
        while (matcherView() < size) {
            if (System.nanoTime() - started > timeout.toNanos()) {
                throw new IllegalStateException("the matcher holds " + matcherView() + " subscriptions after " + timeout
                        + ", expected at least " + size);
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private String subscription(String criteria, String endpoint) {
        if (topicBased) {
            // The Backport IG's R4 Subscription on ESUS's topic, the criteria as its filter, full-resource.
            return "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"ESUS notification benchmark\","
                    + "\"criteria\":\"" + TOPIC + "\",\"_criteria\":{\"extension\":[{\"url\":\"" + IG
                    + "backport-filter-criteria\",\"valueString\":\"" + criteria + "\"}]},\"channel\":{\"type\":\"rest-hook\","
                    + "\"endpoint\":\"" + endpoint + "\",\"payload\":\"application/fhir+json\",\"_payload\":{\"extension\":[{"
                    + "\"url\":\"" + IG + "backport-payload-content\",\"valueCode\":\"full-resource\"}]}}}";
        }
        return "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"ESUS notification benchmark\","
                + "\"criteria\":\"" + criteria + "\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + endpoint
                + "\",\"payload\":\"application/fhir+json\"}}";
    }
}
