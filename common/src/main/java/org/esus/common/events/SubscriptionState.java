package org.esus.common.events;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one Subscription, as subscription-service publishes it on the compacted
 * topic {@link Topics#SUBSCRIPTIONS} (key: subscription id; a null value, a tombstone, when it
 * is deleted). Every replica's matcher rebuilds its view of the subscriptions from this topic,
 * so it carries what matching and delivery need, the signing secret included.
 *
 * @param subscriptionId the Subscription's id, also the record key
 * @param version        its meta.versionId; a consumer ignores a state older than the one it holds
 * @param status         {@code active}, {@code off} or {@code error}
 * @param criteria       {@code Slot?...} as the client wrote it (parsed with SlotSearchParser)
 * @param endpoint       the rest-hook endpoint URL
 * @param headers        {@code channel.header} entries, each "Name: value"
 * @param payload        true to POST the Bundle, false for an empty body (a ping)
 * @param secret         the Standard Webhooks signing secret, or null; never log it
 * @param end            Subscription.end: no notification for changes after it; null when open
 * @param createdAt      when the Subscription was created: changes before it do not notify it
 */
public record SubscriptionState(
        String subscriptionId,
        long version,
        String status,
        String criteria,
        String endpoint,
        List<String> headers,
        boolean payload,
        String secret,
        Instant end,
        Instant createdAt) {

    @Override
    public String toString() {
        return "SubscriptionState[Subscription/" + subscriptionId + " v" + version + " " + status + "]"; // no secret
    }
}
