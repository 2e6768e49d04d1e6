package org.esus.subscription.matcher;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SubscriptionState;
import org.esus.common.search.SlotCriteria;
import org.jboss.logging.Logger;

/**
 * The delivering Subscriptions of this replica, indexed so that an event is evaluated only
 * against subscriptions that can match it: by Slot id ({@code _id}), by Schedule id
 * ({@code schedule}) or by Schedule actor ({@code schedule.actor}), whichever the criteria
 * names (in that order: the most selective first). Only criteria with none of them are scanned
 * for every event. Written by {@link SubscriptionFeed}, read by {@link SlotEventMatcher}.
 */
@ApplicationScoped
public class SubscriptionIndex {

    private static final Logger LOG = Logger.getLogger(SubscriptionIndex.class);

    private enum Key { ID, SCHEDULE, ACTOR, NONE }

    private final Map<String, WatchedSubscription> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bySlotId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byScheduleId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byActor = new ConcurrentHashMap<>();
    private final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    /** The last version seen per subscription, deleted ones included, so a stale state never wins. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** Applies a state from esus.subscriptions; an older version than the one held is ignored. */
    public synchronized void apply(SubscriptionState state) {
        Long known = versions.get(state.subscriptionId());
        if (known != null && known >= state.version()) {
            return;
        }
        versions.put(state.subscriptionId(), state.version());
        remove(state.subscriptionId());
        WatchedSubscription watched;
        try {
            watched = WatchedSubscription.of(state);
        } catch (RuntimeException e) {
            // Validated on write; a criteria this version cannot parse must not stop the matcher.
            LOG.errorf("Subscription/%s has criteria this matcher cannot parse (%s); it is not matched",
                    state.subscriptionId(), e.getMessage());
            return;
        }
        if (!watched.delivers()) {
            return;
        }
        byId.put(watched.id(), watched);
        SlotCriteria criteria = watched.criteria();
        switch (keyOf(criteria)) {
            case ID -> add(bySlotId, criteria.requiredIds(), watched.id());
            case SCHEDULE -> add(byScheduleId, criteria.requiredScheduleIds(), watched.id());
            case ACTOR -> add(byActor, criteria.requiredActorReferences(), watched.id());
            case NONE -> unindexed.add(watched.id());
        }
    }

    /** A tombstone: the Subscription was deleted. */
    public synchronized void delete(String subscriptionId) {
        versions.put(subscriptionId, Long.MAX_VALUE);
        remove(subscriptionId);
    }

    public boolean contains(String subscriptionId, long version) {
        WatchedSubscription watched = byId.get(subscriptionId);
        return watched != null && watched.state().version() >= version;
    }

    public int size() {
        return byId.size();
    }

    /** The subscriptions whose index keys admit this event, in a stable order; call matches() on each. */
    Collection<WatchedSubscription> candidates(SlotChanged event) {
        Map<String, WatchedSubscription> found = new LinkedHashMap<>();
        collect(bySlotId.get(event.slotId()), found);
        collect(byScheduleId.get(event.scheduleId()), found);
        for (String actor : event.actors()) {
            collect(byActor.get(actor), found);
        }
        collect(unindexed, found);
        return found.values();
    }

    private void collect(Set<String> ids, Map<String, WatchedSubscription> found) {
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            WatchedSubscription watched = byId.get(id);
            if (watched != null) {
                found.putIfAbsent(id, watched);
            }
        }
    }

    private static Key keyOf(SlotCriteria criteria) {
        if (!criteria.requiredIds().isEmpty()) {
            return Key.ID;
        }
        if (!criteria.requiredScheduleIds().isEmpty()) {
            return Key.SCHEDULE;
        }
        return criteria.requiredActorReferences().isEmpty() ? Key.NONE : Key.ACTOR;
    }

    private void remove(String subscriptionId) {
        WatchedSubscription old = byId.remove(subscriptionId);
        if (old == null) {
            return;
        }
        SlotCriteria criteria = old.criteria();
        switch (keyOf(criteria)) {
            case ID -> drop(bySlotId, criteria.requiredIds(), subscriptionId);
            case SCHEDULE -> drop(byScheduleId, criteria.requiredScheduleIds(), subscriptionId);
            case ACTOR -> drop(byActor, criteria.requiredActorReferences(), subscriptionId);
            case NONE -> unindexed.remove(subscriptionId);
        }
    }

    private static void drop(Map<String, Set<String>> index, Set<String> keys, String subscriptionId) {
        for (String key : keys) {
            index.computeIfPresent(key, (k, ids) -> {
                ids.remove(subscriptionId);
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    private static void add(Map<String, Set<String>> index, Set<String> keys, String subscriptionId) {
        for (String key : keys) {
            index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscriptionId);
        }
    }
}
