package org.esus.subscription.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.esus.common.events.EventJson;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.Topics;
import org.esus.common.outbox.Outbox;

/**
 * Appends a Subscription's new state (or its tombstone) to the outbox inside the caller's
 * transaction, so esus.subscriptions receives exactly the committed changes. Callers hold the
 * subscription's row lock, so the outbox order is the commit order per subscription.
 */
@ApplicationScoped
public class SubscriptionOutbox {

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(SubscriptionState state) {
        append(state.subscriptionId(), EventJson.write(state));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String subscriptionId) {
        append(subscriptionId, null);
    }

    private void append(String key, String payload) {
        outbox.add(Topics.SUBSCRIPTIONS, key, UUID.randomUUID().toString(), payload);
    }
}
