package org.esus.dispatch.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.esus.common.events.NotificationRequested;
import org.junit.jupiter.api.Test;

class SubscriptionQueuesTest {

    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final List<String> started = new ArrayList<>();
    private final SubscriptionQueues queues = new SubscriptionQueues(pending -> {
        started.add(pending.notification().notificationId());
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.put(pending.notification().notificationId(), done);
        return done;
    });

    @Test
    void oneAtATimePerSubscriptionAndSubscriptionsIndependent() {
        queues.enqueue(pending("a1", "A"));
        queues.enqueue(pending("a2", "A"));
        queues.enqueue(pending("b1", "B"));
        assertEquals(List.of("a1", "b1"), started, "a2 waits for a1; B does not wait for A");
        running.get("b1").complete(null);
        assertEquals(List.of("a1", "b1"), started);
        running.get("a1").complete(null);
        assertEquals(List.of("a1", "b1", "a2"), started);
        running.get("a2").complete(null);
        assertEquals(0, queues.active());
    }

    @Test
    void aDeliveryThatFailedUnexpectedlyStillLetsTheNextOneGo() {
        queues.enqueue(pending("a1", "A"));
        queues.enqueue(pending("a2", "A"));
        running.get("a1").completeExceptionally(new IllegalStateException("bug"));
        assertEquals(List.of("a1", "a2"), started);
    }

    private static PendingNotification pending(String id, String subscription) {
        NotificationRequested notification = new NotificationRequested(id, subscription, "e", "s", 1, Instant.now(),
                "http://127.0.0.1:1/", List.of(), true, null, null);
        return new PendingNotification(notification, 0, new org.esus.dispatch.consume.PartitionProgress());
    }
}
