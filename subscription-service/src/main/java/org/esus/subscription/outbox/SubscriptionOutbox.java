package org.esus.subscription.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.Topics;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.outbox.Outbox;

/**
 * Appends a Subscription's new state (or its tombstone) to the outbox inside the caller's
 * transaction, so esus.subscriptions receives exactly the committed changes. Callers hold the
 * subscription's row lock, so the outbox order is the commit order per subscription. A topic-based
 * Subscription's handshake and settings, and every deletion, also go to esus.matches, where the event
 * numbering sends the handshake, plans heartbeats from the settings and forgets a deleted one.
 */
@ApplicationScoped
public class SubscriptionOutbox {

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(SubscriptionState state) {
        append(state.subscriptionId(), EventJson.write(state));
        if (state.backport() != null) {
            outbox.add(Topics.MATCHES, state.subscriptionId(), UUID.randomUUID().toString(),
                    EventJson.write(notification(state, NotificationRequested.SETTINGS, UUID.randomUUID().toString())));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String subscriptionId) {
        append(subscriptionId, null);
        outbox.add(Topics.MATCHES, subscriptionId, UUID.randomUUID().toString(), null);
    }

    /** The Backport IG's handshake of a requested topic-based Subscription: its 2xx makes it active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handshake(SubscriptionState state) {
        // Named by subscription and version: a relay that publishes the row again repeats the same handshake.
        String id = UUID.nameUUIDFromBytes(("handshake|" + state.subscriptionId() + "|" + state.version())
                .getBytes(StandardCharsets.UTF_8)).toString();
        outbox.add(Topics.MATCHES, state.subscriptionId(), id,
                EventJson.write(notification(state, NotificationRequested.HANDSHAKE, id)));
    }

    private static NotificationRequested notification(SubscriptionState state, String type, String id) {
        return new NotificationRequested(id, state.subscriptionId(), null, null, 0, FhirInstants.now(), state.endpoint(),
                state.headers(), true, state.secret(), null, type, 0, state.backport(), state.status(), null, null);
    }

    private void append(String key, String payload) {
        outbox.add(Topics.SUBSCRIPTIONS, key, UUID.randomUUID().toString(), payload);
    }
}
