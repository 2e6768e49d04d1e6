package org.esus.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One notification to deliver: a Slot change that matched one Subscription, produced by
 * subscription-service's matcher on {@link Topics#NOTIFICATIONS} (key: subscription id, so one
 * subscription's notifications stay in order on one partition) and POSTed by the
 * notification-dispatcher. It carries everything the dispatcher needs, so the dispatcher holds
 * no state: where to send, which headers, whether to send the body, and the signing secret.
 *
 * @param notificationId the Bundle id and the {@code webhook-id}: derived from the event id and the
 *                       subscription id, so a re-matched event yields the same id and receivers
 *                       can deduplicate
 * @param subscriptionId the Subscription's id, also the record key
 * @param eventId        the {@link SlotChanged#eventId()} that matched
 * @param slotId         the Slot that changed
 * @param slotVersion    its version after the change
 * @param occurredAt     when the change happened (the Bundle's timestamp)
 * @param endpoint       the rest-hook endpoint URL
 * @param headers        {@code channel.header} entries, each "Name: value"
 * @param payload        true to POST the Bundle, false for an empty body (a ping)
 * @param secret         the Standard Webhooks signing secret, or null; never log it
 * @param bundle         the notification Bundle (CONTRACT section 6) as FHIR JSON
 */
public record NotificationRequested(
        String notificationId,
        String subscriptionId,
        String eventId,
        String slotId,
        long slotVersion,
        Instant occurredAt,
        String endpoint,
        List<String> headers,
        boolean payload,
        String secret,
        JsonNode bundle) {

    @Override
    public String toString() {
        return "NotificationRequested[" + notificationId + " for Subscription/" + subscriptionId + ", Slot/" + slotId
                + " v" + slotVersion + "]"; // no secret, no headers, no patient data in logs
    }
}
