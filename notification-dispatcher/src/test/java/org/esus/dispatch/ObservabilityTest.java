package org.esus.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.NotificationRequested;
import org.junit.jupiter.api.Test;

/** Metrics and readiness an operator relies on, and logs that carry ids only (rule 6 of the brief). */
@QuarkusTest
class ObservabilityTest extends WebhookTestBase {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsThePollLoop() throws Exception {
        HttpResponse<String> ready = get("q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("notification-consumer"), ready.body());
        assertEquals(200, get("q/health/live").statusCode());
    }

    @Test
    void deliveriesAttemptsFailuresLatencyAndQueueDepthAreMetered() throws Exception {
        String path = "/metered/" + UUID.randomUUID();
        receiver.statuses(path, 500);
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), receiver.url(path));
        feed.send(notification);
        assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcomes.await(notification.notificationId(), WAIT).outcome());

        String metrics = get("q/metrics").body();
        for (String meter : List.of("esus_dispatch_deliveries_total{outcome=\"delivered\"", "esus_dispatch_attempts_total{result=\"success\"",
                "esus_dispatch_attempts_total{result=\"http_5xx\"", "esus_dispatch_failures_total", "esus_dispatch_latency_seconds_count",
                "esus_dispatch_queue_depth")) {
            assertTrue(metrics.contains(meter), meter + " is exposed");
        }
    }

    @Test
    void logsNeverCarrySecretsHeaderValuesOrBundles() throws Exception {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String path = "/private/" + UUID.randomUUID();
            receiver.always(path, 500); // retries and a FAILED: every log line of the delivery path
            NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(),
                    receiver.url(path), true, "s3cr3t-value", List.of("Authorization: Bearer t0ken-value"));
            feed.send(notification);
            assertEquals(DeliveryOutcome.Outcome.FAILED, outcomes.await(notification.notificationId(), WAIT).outcome());
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("failed after")), "the delivery path logged: " + lines.size());
        for (String line : lines) {
            assertFalse(line.contains("s3cr3t-value") || line.contains("t0ken-value") || line.contains("\"resourceType\""), line);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
