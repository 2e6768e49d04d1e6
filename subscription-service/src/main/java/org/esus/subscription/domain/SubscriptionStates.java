package org.esus.subscription.domain;

import java.util.List;
import org.esus.common.events.SubscriptionState;
import org.esus.subscription.store.SubscriptionEntity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/** Builds the esus.subscriptions record of a stored Subscription. */
public final class SubscriptionStates {

    private SubscriptionStates() {
    }

    public static SubscriptionState of(SubscriptionEntity entity, AcceptedSubscription accepted) {
        return new SubscriptionState(entity.id.toString(), entity.versionId, accepted.status(), accepted.criteria(),
                accepted.endpoint(), accepted.headers(), accepted.payload(), entity.secret, accepted.end(),
                entity.createdAt);
    }

    /** The delivery values of an already validated, stored Subscription (a server-side status change). */
    static AcceptedSubscription accepted(Subscription stored, String status, String secret) {
        Subscription.SubscriptionChannelComponent channel = stored.getChannel();
        List<String> headers = channel.getHeader().stream().map(StringType::getValue).toList();
        return new AcceptedSubscription(status, stored.getCriteria(), channel.getEndpoint(), headers,
                channel.getPayload() != null, secret, stored.hasEnd() ? stored.getEnd().toInstant() : null);
    }
}
