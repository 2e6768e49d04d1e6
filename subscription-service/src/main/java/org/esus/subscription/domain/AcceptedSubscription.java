package org.esus.subscription.domain;

import java.time.Instant;
import java.util.List;
import org.esus.common.events.SubscriptionState.Backport;

/**
 * What validation accepted from a Subscription body: the values delivery needs. The resource
 * itself has been normalised in place (status set, secret removed).
 *
 * @param criteria the Slot criteria to match: a criteria Subscription's own, a topic-based one's filter
 * @param secret   null when the body carried none
 * @param backport the Backport IG's settings of a topic-based Subscription; null for a criteria one
 */
public record AcceptedSubscription(
        String status,
        String criteria,
        String endpoint,
        List<String> headers,
        boolean payload,
        String secret,
        Instant end,
        Backport backport) {
}
