package org.esus.subscription.domain;

import java.util.List;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.SubscriptionState.Backport;
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
                entity.createdAt, accepted.backport());
    }

    /**
     * The delivery values of an already validated, stored Subscription (a server-side status
     * change); a topic-based one's are read by the rules that accepted it, so they cannot drift.
     */
    static AcceptedSubscription accepted(Subscription stored, String status, String secret) {
        Subscription.SubscriptionChannelComponent channel = stored.getChannel();
        List<String> headers = channel.getHeader().stream().map(StringType::getValue).toList();
        boolean topicBased = TopicSubscriptionRules.namesTopic(stored.getCriteria());
        String criteria = topicBased ? TopicSubscriptionRules.filter(stored) : stored.getCriteria();
        Backport backport = topicBased ? TopicSubscriptionRules.backport(channel) : null;
        return new AcceptedSubscription(status, criteria, channel.getEndpoint(), headers,
                topicBased || channel.getPayload() != null, secret, stored.hasEnd() ? stored.getEnd().toInstant() : null,
                backport);
    }
}
