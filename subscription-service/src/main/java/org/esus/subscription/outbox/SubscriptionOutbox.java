package org.esus.subscription.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.esus.common.events.EventJson;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.Topics;

/**
 * Appends a Subscription's new state (or its tombstone) to the outbox inside the caller's
 * transaction, so esus.subscriptions receives exactly the committed changes. Callers hold the
 * subscription's row lock, so the outbox order is the commit order per subscription.
 */
@ApplicationScoped
public class SubscriptionOutbox {

    @Inject
    Event<OutboxWritten> written;

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(SubscriptionState state) {
        append(state.subscriptionId(), EventJson.write(state));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String subscriptionId) {
        append(subscriptionId, null);
    }

    private void append(String key, String payload) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = UUID.randomUUID();
        row.topic = Topics.SUBSCRIPTIONS;
        row.messageKey = key;
        row.payload = payload;
        row.persist();
        written.fire(OutboxWritten.INSTANCE);
    }
}
