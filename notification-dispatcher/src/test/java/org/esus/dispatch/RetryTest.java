package org.esus.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.NotificationRequested;
import org.esus.testsupport.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * Retries (CONTRACT section 6) with the %test limits: 4 attempts, backoff 50 ms doubling to
 * 200 ms, read timeout 1 s. Same webhook-id on every attempt; FAILED with the last error past
 * the limit; a redirect is a failure and is never followed.
 */
@QuarkusTest
class RetryTest extends WebhookTestBase {

    @Test
    void twoFailuresThenSuccessIsDeliveredOnTheThirdAttemptWithOneWebhookId() throws Exception {
        String path = "/flaky/" + UUID.randomUUID();
        receiver.statuses(path, 500, 500);
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), receiver.url(path));
        feed.send(notification);

        DeliveryOutcome outcome = outcomes.await(notification.notificationId(), WAIT);
        assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcome.outcome());
        assertEquals(3, outcome.attempts());
        List<WebhookReceiver.Received> requests = receiver.requests(path);
        assertEquals(3, requests.size());
        requests.forEach(r -> assertEquals(notification.notificationId(), r.header("webhook-id"), "same id on every retry"));
        assertTrue(requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos() >= Duration.ofMillis(25).toNanos(),
                "a retry waits at least half the initial backoff");
    }

    @Test
    void anEndpointThatAlwaysFailsIsGivenUpAfterTheLimit() throws Exception {
        String path = "/broken/" + UUID.randomUUID();
        receiver.always(path, 500);
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), receiver.url(path));
        assertGivenUp(notification, "HTTP 500");
        assertEquals(MAX_ATTEMPTS, receiver.requests(path).size());
    }

    @Test
    void aRefusedConnectionIsRetriedThenFailed() throws Exception {
        String nobody = "http://127.0.0.1:" + ServiceProcess.freePort() + "/hook";
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), nobody);
        assertGivenUp(notification, "connection refused");
    }

    @Test
    void aTimeoutCountsAsAFailedAttempt() throws Exception {
        String path = "/sluggish/" + UUID.randomUUID();
        receiver.slow(path, Duration.ofSeconds(3)); // read timeout is 1 s in %test
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), receiver.url(path));
        assertGivenUp(notification, "read timeout");
    }

    @Test
    void aRedirectIsAFailureAndItsTargetNeverHearsOfIt() throws Exception {
        String path = "/moved/" + UUID.randomUUID();
        String target = "/target/" + UUID.randomUUID();
        receiver.redirect(path, receiver.url(target));
        NotificationRequested notification = NotificationFeed.notification(UUID.randomUUID().toString(), receiver.url(path));
        assertGivenUp(notification, "HTTP 302");
        assertEquals(MAX_ATTEMPTS, receiver.requests(path).size());
        assertEquals(0, receiver.requests(target).size(), "redirects are never followed");
    }

    @Test
    void aFailingSubscriptionGetsOneAttemptPerNotificationUntilOneIsDelivered() throws Exception {
        String subscription = UUID.randomUUID().toString();
        String path = "/dead-then-alive/" + subscription;
        receiver.statuses(path, 500, 500, 500, 500, 500, 200, 503);
        List<NotificationRequested> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(NotificationFeed.notification(subscription, receiver.url(path)));
            feed.send(sent.get(i));
        }
        List<DeliveryOutcome> decided = new java.util.ArrayList<>();
        for (NotificationRequested notification : sent) {
            decided.add(outcomes.await(notification.notificationId(), WAIT));
        }
        assertEquals(List.of("FAILED/4", "FAILED/1", "DELIVERED/1", "DELIVERED/2"),
                decided.stream().map(o -> o.outcome() + "/" + o.attempts()).toList(),
                "full retries, then one attempt each while failing, then full retries again once delivered");
    }

    /** Sends the notification and expects it given up after the limit, with this last error. */
    private static void assertGivenUp(NotificationRequested notification, String lastError) throws Exception {
        feed.send(notification);
        DeliveryOutcome outcome = outcomes.await(notification.notificationId(), WAIT);
        assertEquals(DeliveryOutcome.Outcome.FAILED, outcome.outcome());
        assertEquals(MAX_ATTEMPTS, outcome.attempts());
        assertEquals(lastError, outcome.error());
    }
}
