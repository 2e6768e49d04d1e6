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
 * @param bundle         the Bundle to POST as FHIR JSON: CONTRACT section 6's {@code notification}
 *                       Bundle for a criteria Subscription; for a topic-based one the Backport IG's
 *                       {@code history} Bundle, built once the event has its number (null before)
 * @param type           {@code event-notification}, {@code handshake} or {@code heartbeat} (the
 *                       Backport IG's notification types)
 * @param eventNumber    the event's number in its subscription (1, 2, ... without gaps), given by
 *                       subscription-service's event numbering; 0 before it, and for handshakes and
 *                       heartbeats, which are no events
 * @param backport       the topic-based Subscription's settings; null for a criteria Subscription
 * @param status         the Subscription's status when the notification was made
 * @param resource       the changed Slot, carried to the numbering for a topic-based Subscription's
 *                       Bundle; null once the Bundle is built
 * @param change         what happened to the Slot (a topic-based Subscription is told of deletions
 *                       too); null for handshakes and heartbeats
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
        JsonNode bundle,
        String type,
        long eventNumber,
        SubscriptionState.Backport backport,
        String status,
        JsonNode resource,
        SlotChanged.ChangeType change) {

    public static final String EVENT_NOTIFICATION = "event-notification";
    public static final String HANDSHAKE = "handshake";
    public static final String HEARTBEAT = "heartbeat";
    /**
     * Not delivered: a topic-based Subscription's current settings, sent by subscription-service on
     * every change so that the numbering plans its heartbeats.
     */
    public static final String SETTINGS = "settings";

    /** A criteria Subscription's event (CONTRACT section 6), before numbering. */
    public NotificationRequested(String notificationId, String subscriptionId, String eventId, String slotId,
            long slotVersion, Instant occurredAt, String endpoint, List<String> headers, boolean payload, String secret,
            JsonNode bundle) {
        this(notificationId, subscriptionId, eventId, slotId, slotVersion, occurredAt, endpoint, headers, payload, secret,
                bundle, EVENT_NOTIFICATION, 0, null, null, null, null);
    }

    /** True for an event (numbered), false for a handshake, a heartbeat or settings. */
    public boolean isEvent() {
        return type == null || EVENT_NOTIFICATION.equals(type);
    }

    /** This notification with its event number and the Bundle to POST, without the Slot it no longer needs. */
    public NotificationRequested numbered(long number, JsonNode finalBundle) {
        return new NotificationRequested(notificationId, subscriptionId, eventId, slotId, slotVersion, occurredAt, endpoint,
                headers, payload, secret, finalBundle, type, number, backport, status, null, change);
    }

    @Override
    public String toString() {
        return "NotificationRequested[" + notificationId + " for Subscription/" + subscriptionId + ", Slot/" + slotId
                + " v" + slotVersion + "]"; // no secret, no headers, no patient data in logs
    }
}
