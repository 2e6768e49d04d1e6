package org.esus.subscription.numbering;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.esus.common.events.NotificationRequested;

/**
 * The Backport IG's heartbeats: an active topic-based Subscription with a heartbeat period that has
 * been sent nothing for that long is sent a {@code heartbeat}. Plans live in the numbering's task
 * store (subscription id → {@link Plan}), kept current by the Subscription's settings records and
 * by every notification sent to it.
 */
final class Heartbeats {

    /** Where and how to send, and when the Subscription was last sent anything. */
    record Plan(NotificationRequested template, long lastSentMillis) {
    }

    private final KeyValueStore<String, Plan> plans;

    Heartbeats(KeyValueStore<String, Plan> plans) {
        this.plans = plans;
    }

    boolean any() {
        try (KeyValueIterator<String, Plan> all = plans.all()) {
            return all.hasNext();
        }
    }

    /** A Subscription's current settings: plan its heartbeats while it is active with a period, else none. */
    void settings(NotificationRequested settings, Instant now) {
        String id = settings.subscriptionId();
        boolean beats = settings.backport() != null && settings.backport().heartbeatSeconds() > 0
                && "active".equals(settings.status());
        if (!beats) {
            plans.delete(id);
            return;
        }
        Plan current = plans.get(id);
        plans.put(id, new Plan(template(settings), current == null ? now.toEpochMilli() : current.lastSentMillis()));
    }

    /** Anything sent restarts the Subscription's idle time. */
    void sent(String subscriptionId, Instant at) {
        Plan plan = plans.get(subscriptionId);
        if (plan != null) {
            plans.put(subscriptionId, new Plan(plan.template(), at.toEpochMilli()));
        }
    }

    void forget(String subscriptionId) {
        plans.delete(subscriptionId);
    }

    /** The heartbeats due at {@code now}, not numbered and without their Bundles yet; marked sent. */
    List<NotificationRequested> due(Instant now) {
        List<KeyValue<String, Plan>> due = new ArrayList<>();
        try (KeyValueIterator<String, Plan> all = plans.all()) {
            all.forEachRemaining(entry -> {
                long period = entry.value.template().backport().heartbeatSeconds() * 1000;
                if (entry.value.lastSentMillis() + period <= now.toEpochMilli()) {
                    due.add(entry);
                }
            });
        }
        List<NotificationRequested> heartbeats = new ArrayList<>();
        for (KeyValue<String, Plan> entry : due) {
            NotificationRequested t = entry.value.template();
            String id = UUID.nameUUIDFromBytes(("heartbeat|" + entry.key + "|" + now.toEpochMilli())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            heartbeats.add(new NotificationRequested(id, t.subscriptionId(), null, null, 0, now, t.endpoint(), t.headers(),
                    true, t.secret(), null, NotificationRequested.HEARTBEAT, 0, t.backport(), t.status(), null, null));
            plans.put(entry.key, new Plan(t, now.toEpochMilli()));
        }
        return heartbeats;
    }

    private static NotificationRequested template(NotificationRequested n) {
        return new NotificationRequested(null, n.subscriptionId(), null, null, 0, null, n.endpoint(), n.headers(), true,
                n.secret(), null, null, 0, n.backport(), n.status(), null, null);
    }
}
