package org.esus.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.esus.common.events.NotificationRequested;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * Invariant 4 across a crash: the packaged dispatcher runs as a real process and is killed with
 * SIGKILL while it delivers; after a restart every notification has arrived at least once (the
 * unfinished ones again, with their webhook-id), and each subscription's notifications first
 * arrived in the order they were sent. The same holds while a second replica joins the group and
 * the first leaves it, partitions moving between them mid-delivery.
 */
class DispatcherRestartIT {

    private static final int SUBSCRIPTIONS = 10;
    private static final int PER_SUBSCRIPTION = 30;

    @Test
    void everyNotificationArrivesAtLeastOnceInOrderAcrossAKill() throws Exception {
        File log = new File("target", "dispatcher-restart.log");
        Map<String, List<String>> sent = new HashMap<>();
        try (WebhookReceiver receiver = new WebhookReceiver(); NotificationFeed feed = new NotificationFeed()) {
            List<String> subscriptions = new ArrayList<>();
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                String subscription = UUID.randomUUID().toString();
                subscriptions.add(subscription);
                sent.put(subscription, new ArrayList<>());
                receiver.slow(path(subscription), Duration.ofMillis(100)); // keeps deliveries in flight at the kill
            }

            // A backlog first, so the kill surely falls in the middle of it.
            for (int i = 0; i < PER_SUBSCRIPTION; i++) {
                for (String subscription : subscriptions) {
                    NotificationRequested notification = NotificationFeed.notification(subscription, receiver.url(path(subscription)));
                    feed.send(notification);
                    sent.get(subscription).add(notification.notificationId());
                }
            }
            try (ServiceProcess first = ServiceProcess.start("notification-dispatcher", environment(), log)) {
                awaitArrivals(receiver, subscriptions, SUBSCRIPTIONS * 5, Duration.ofSeconds(60));
                first.kill();
            }
            int beforeRestart = arrivals(receiver, subscriptions);
            assertTrue(beforeRestart < SUBSCRIPTIONS * PER_SUBSCRIPTION, "the kill came mid-stream (" + beforeRestart + ")");

            try (ServiceProcess second = ServiceProcess.start("notification-dispatcher", environment(), log)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!allArrived(receiver, sent) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            assertEveryOneFirstArrivedInOrder(receiver, sent);
        }
    }

    @Test
    void aSecondReplicaTakesPartitionsOverAndTheFirstLeavesWithoutLossOrReordering() throws Exception {
        File log = new File("target", "dispatcher-scale.log");
        Map<String, List<String>> sent = new HashMap<>();
        List<String> subscriptions = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(); NotificationFeed feed = new NotificationFeed()) {
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                String subscription = UUID.randomUUID().toString();
                subscriptions.add(subscription);
                sent.put(subscription, new ArrayList<>());
                receiver.slow(path(subscription), Duration.ofMillis(50));
            }
            // A steady stream (about 40/s) while replicas join and leave: rebalances happen mid-delivery.
            java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                try {
                    while (streaming.get()) {
                        for (String subscription : subscriptions) {
                            NotificationRequested notification = NotificationFeed.notification(subscription, receiver.url(path(subscription)));
                            feed.send(notification);
                            sent.get(subscription).add(notification.notificationId());
                        }
                        Thread.sleep(250);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "notification-stream");

            try (ServiceProcess first = ServiceProcess.start("notification-dispatcher", environment(), log)) {
                producer.start();
                awaitArrivals(receiver, subscriptions, SUBSCRIPTIONS * 3, Duration.ofSeconds(60));
                try (ServiceProcess second = ServiceProcess.start("notification-dispatcher", environment(), log)) {
                    Thread.sleep(2_000); // both replicas deliver
                    first.close(); // SIGTERM: its partitions are revoked, finished offsets committed
                    Thread.sleep(2_000);
                    streaming.set(false);
                    producer.join();
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (!allArrived(receiver, sent) && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                }
            }
            assertTrue(sent.values().stream().mapToInt(List::size).sum() > SUBSCRIPTIONS * 10, "a stream, not a trickle");
            assertEveryOneFirstArrivedInOrder(receiver, sent);
        }
    }

    private static void assertEveryOneFirstArrivedInOrder(WebhookReceiver receiver, Map<String, List<String>> sent) {
        for (Map.Entry<String, List<String>> subscription : sent.entrySet()) {
            List<String> firstArrivals = new ArrayList<>(new LinkedHashSet<>(
                    receiver.requests(path(subscription.getKey())).stream().map(r -> r.header("webhook-id")).toList()));
            assertEquals(subscription.getValue(), firstArrivals,
                    "Subscription/" + subscription.getKey() + ": every notification arrived, first in the order sent");
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrapServers());
        environment.put("MP_JWT_VERIFY_PUBLICKEY", TestTokens.publicKeyPem());
        environment.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        environment.put("ESUS_DISPATCH_MAX_ATTEMPTS", "50"); // nothing is given up while the receiver is healthy
        environment.put("ESUS_DISPATCH_INITIAL_BACKOFF", "50ms");
        environment.put("ESUS_DISPATCH_MAX_BACKOFF", "500ms");
        environment.put("ESUS_DISPATCH_COMMIT_INTERVAL", "50ms");
        environment.put("ESUS_DISPATCH_SESSION_TIMEOUT", "6s"); // the broker's minimum: the killed member leaves soon
        // A tiny buffer, so partitions are paused and resumed all along: that must lose and reorder nothing either.
        environment.put("ESUS_DISPATCH_MAX_BUFFERED_PER_PARTITION", "8");
        environment.put("QUARKUS_LOG_CATEGORY__ORG_ESUS_DISPATCH_CONSUME__LEVEL", "DEBUG");
        return environment;
    }

    private static String path(String subscription) {
        return "/restart/" + subscription;
    }

    private static int arrivals(WebhookReceiver receiver, List<String> subscriptions) {
        return subscriptions.stream().mapToInt(s -> receiver.requests(path(s)).size()).sum();
    }

    private static void awaitArrivals(WebhookReceiver receiver, List<String> subscriptions, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals(receiver, subscriptions) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + arrivals(receiver, subscriptions) + " of " + count + " arrivals");
            }
            Thread.sleep(5);
        }
    }

    private static boolean allArrived(WebhookReceiver receiver, Map<String, List<String>> sent) {
        return sent.entrySet().stream().allMatch(e -> receiver.requests(path(e.getKey())).stream()
                .map(r -> r.header("webhook-id")).distinct().count() == e.getValue().size());
    }
}
