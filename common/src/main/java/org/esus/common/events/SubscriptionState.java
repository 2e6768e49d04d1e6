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
 * @param status         {@code active}, {@code off} or {@code error}; a topic-based Subscription is
 *                       {@code requested} until its handshake was delivered
 * @param criteria       {@code Slot?...} as the client wrote it (parsed with SlotSearchParser)
 * @param endpoint       the rest-hook endpoint URL
 * @param headers        {@code channel.header} entries, each "Name: value"
 * @param payload        true to POST the Bundle, false for an empty body (a ping)
 * @param secret         the Standard Webhooks signing secret, or null; never log it
 * @param end            Subscription.end: no notification for changes after it; null when open
 * @param createdAt      when the Subscription was created: changes before it do not notify it
 * @param backport       what a topic-based Subscription (Subscriptions R5 Backport IG, R4 profile)
 *                       adds; null for a criteria Subscription of CONTRACT section 5, whose
 *                       notifications keep the seed's {@code notification} Bundle
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
        Instant createdAt,
        Backport backport) {

    /** A criteria Subscription (CONTRACT section 5). */
    public SubscriptionState(String subscriptionId, long version, String status, String criteria, String endpoint,
            List<String> headers, boolean payload, String secret, Instant end, Instant createdAt) {
        this(subscriptionId, version, status, criteria, endpoint, headers, payload, secret, end, createdAt, null);
    }

    /**
     * The Backport IG's part of a topic-based Subscription. Its filter ({@code backport-filter-criteria},
     * e.g. {@code Slot?schedule.actor=Practitioner/x}) is the state's {@code criteria}, so the matcher
     * treats both kinds alike.
     *
     * @param topic            the SubscriptionTopic canonical URL (Subscription.criteria)
     * @param content          {@code empty}, {@code id-only} or {@code full-resource} ({@code backport-payload-content})
     * @param heartbeatSeconds {@code backport-heartbeat-period}; 0 for none
     * @param timeoutSeconds   {@code backport-timeout}: how long one POST may take; 0 for the server's default
     * @param maxCount         {@code backport-max-count}: events per notification; ESUS sends one, so 1
     */
    public record Backport(String topic, String content, long heartbeatSeconds, long timeoutSeconds, int maxCount) {

        public static final String EMPTY = "empty";
        public static final String ID_ONLY = "id-only";
        public static final String FULL_RESOURCE = "full-resource";
    }

    @Override
    public String toString() {
        return "SubscriptionState[Subscription/" + subscriptionId + " v" + version + " " + status + "]"; // no secret
    }
}
