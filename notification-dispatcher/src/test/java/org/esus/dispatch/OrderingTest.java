package org.esus.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.NotificationRequested;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * Order per subscription and isolation between subscriptions (CONTRACT section 6, ARCHITECTURE
 * invariant 4): one subscription's notifications are sent one after the other, each only once the
 * previous is finished; a slow endpoint does not hold up another subscription on the same partition.
 */
@QuarkusTest
class OrderingTest extends WebhookTestBase {

    @Test
    void fiveNotificationsArriveInOrderThoughAttemptsFail() throws Exception {
        String subscription = UUID.randomUUID().toString();
        String path = "/ordered/" + subscription;
        receiver.statuses(path, 500, 500, 200, 503); // the first fails twice, the second once
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NotificationRequested notification = NotificationFeed.notification(subscription, receiver.url(path));
            feed.send(notification);
            sent.add(notification.notificationId());
        }

        for (String id : sent) {
            assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcomes.await(id, WAIT).outcome());
        }
        List<String> arrived = receiver.requests(path).stream().map(r -> r.header("webhook-id")).toList();
        List<String> expected = new ArrayList<>();
        expected.addAll(Collections.nCopies(3, sent.get(0)));
        expected.addAll(Collections.nCopies(2, sent.get(1)));
        expected.addAll(sent.subList(2, 5));
        assertEquals(expected, arrived, "each notification only after the previous one was delivered");
    }

    @Test
    void aSlowEndpointDoesNotHoldUpAnotherSubscriptionOnTheSamePartition() throws Exception {
        String slow = UUID.randomUUID().toString();
        String fast = UUID.randomUUID().toString();
        receiver.slow("/slow/" + slow, Duration.ofSeconds(3)); // every attempt times out after 1 s
        NotificationRequested slowFirst = NotificationFeed.notification(slow, receiver.url("/slow/" + slow));
        NotificationRequested slowSecond = NotificationFeed.notification(slow, receiver.url("/slow/" + slow));
        feed.send(0, slowFirst);
        feed.send(0, slowSecond);
        receiver.await("/slow/" + slow, 1, WAIT); // the slow subscription is now stuck in its first notification

        long sentAt = System.nanoTime();
        List<String> fastSent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NotificationRequested notification = NotificationFeed.notification(fast, receiver.url("/fast/" + fast));
            feed.send(0, notification); // behind the slow ones, on the same partition
            fastSent.add(notification.notificationId());
        }
        List<WebhookReceiver.Received> fastArrived = receiver.await("/fast/" + fast, 5, Duration.ofSeconds(10));
        long fastTook = fastArrived.get(4).arrivedNanos() - sentAt;

        assertEquals(fastSent, fastArrived.stream().map(r -> r.header("webhook-id")).toList());
        assertTrue(fastTook < Duration.ofSeconds(3).toNanos(),
                "the fast subscription was served in " + fastTook / 1_000_000 + " ms while the slow one retries");
        assertTrue(receiver.requests("/slow/" + slow).stream().allMatch(r -> r.header("webhook-id").equals(slowFirst.notificationId())),
                "the slow subscription is still on its first notification");

        DeliveryOutcome first = outcomes.await(slowFirst.notificationId(), WAIT);
        assertEquals(DeliveryOutcome.Outcome.FAILED, first.outcome());
        assertEquals(4, first.attempts());
        assertEquals(DeliveryOutcome.Outcome.FAILED, outcomes.await(slowSecond.notificationId(), WAIT).outcome());
        List<String> slowIds = receiver.requests("/slow/" + slow).stream().map(r -> r.header("webhook-id")).toList();
        List<String> expected = new ArrayList<>(Collections.nCopies(4, slowFirst.notificationId()));
        expected.add(slowSecond.notificationId()); // one attempt only while the subscription is failing
        assertEquals(expected, slowIds, "the slow subscription's order holds too");
    }
}
