package org.esus.common.events;

import java.time.Instant;

/**
 * What became of one notification, from the notification-dispatcher on
 * {@link Topics#DELIVERY_OUTCOMES} (key: subscription id). subscription-service turns a
 * Subscription to {@code error} on FAILED (with {@code error} as Subscription.error) and back to
 * {@code active} on the next DELIVERED.
 *
 * @param notificationId the notification (Bundle id)
 * @param subscriptionId the Subscription, also the record key
 * @param outcome        delivered, or given up after the retry limit
 * @param attempts       how many POSTs were made
 * @param error          why the last attempt failed (status code, timeout, refused), null when delivered
 * @param decidedAt      when the dispatcher finished with it
 */
public record DeliveryOutcome(
        String notificationId,
        String subscriptionId,
        Outcome outcome,
        int attempts,
        String error,
        Instant decidedAt) {

    public enum Outcome {
        DELIVERED,
        FAILED
    }
}
