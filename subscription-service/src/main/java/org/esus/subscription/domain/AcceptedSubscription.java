package org.esus.subscription.domain;

import java.time.Instant;
import java.util.List;

/**
 * What validation accepted from a Subscription body: the values delivery needs. The resource
 * itself has been normalised in place (status set, secret removed).
 *
 * @param secret null when the body carried none
 */
public record AcceptedSubscription(
        String status,
        String criteria,
        String endpoint,
        List<String> headers,
        boolean payload,
        String secret,
        Instant end) {
}
