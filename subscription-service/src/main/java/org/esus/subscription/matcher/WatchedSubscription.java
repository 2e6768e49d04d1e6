package org.esus.subscription.matcher;

import java.time.Instant;
import org.esus.common.events.SubscriptionState;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.SlotSearchParser;

/** A Subscription as the matcher holds it: its published state and its criteria, parsed once. */
record WatchedSubscription(SubscriptionState state, SlotCriteria criteria) {

    static WatchedSubscription of(SubscriptionState state) {
        return new WatchedSubscription(state, SlotSearchParser.parseCriteria(state.criteria()));
    }

    String id() {
        return state.subscriptionId();
    }

    /** off stops delivery; error keeps it, so the next success can turn the Subscription active again. */
    boolean delivers() {
        return !"off".equals(state.status());
    }

    /** A change notifies only subscriptions that existed when it happened and had not ended. */
    boolean covers(Instant occurredAt) {
        return !occurredAt.isBefore(state.createdAt()) && (state.end() == null || !occurredAt.isAfter(state.end()));
    }
}
