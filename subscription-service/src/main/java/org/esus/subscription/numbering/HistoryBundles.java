package org.esus.subscription.numbering;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SubscriptionState.Backport;

/**
 * The notification Bundle of a topic-based Subscription (Subscriptions R5 Backport IG 1.1.0, R4
 * profile {@code backport-subscription-notification-r4}): a {@code history} Bundle whose first entry
 * is the {@code backport-subscription-status-r4} Parameters, then the Slot for {@code full-resource}.
 * Built with Jackson, as the matcher builds the seed's Bundle: no FHIR model on this hop. Tests parse
 * every shape with HAPI FHIR's strict R4 parser.
 */
final class HistoryBundles {

    static final String NOTIFICATION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4";
    static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

    private final String fhirBase;

    HistoryBundles(String fhirBase) {
        this.fhirBase = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
    }

    /**
     * @param eventNumber      the event's number; ignored for a handshake or a heartbeat
     * @param eventsSinceStart the Subscription's events so far, this one included (handshakes and
     *                         heartbeats do not count)
     */
    ObjectNode of(NotificationRequested notification, long eventNumber, long eventsSinceStart, Instant now) {
        Backport backport = notification.backport();
        boolean event = notification.isEvent();
        String content = backport.content();
        String subscription = fhirBase + "/Subscription/" + notification.subscriptionId();
        ObjectNode bundle = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Bundle").put("id", notification.notificationId());
        bundle.putObject("meta").putArray("profile").add(NOTIFICATION_PROFILE);
        bundle.put("type", "history").put("timestamp", (event ? notification.occurredAt() : now).toString());
        ArrayNode entries = bundle.putArray("entry");

        ObjectNode status = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Parameters").put("id", notification.notificationId());
        status.putObject("meta").putArray("profile").add(STATUS_PROFILE);
        ArrayNode parameters = status.putArray("parameter");
        parameters.addObject().put("name", "subscription").putObject("valueReference").put("reference", subscription);
        if (!Backport.EMPTY.equals(content)) { // the IG: SHOULD NOT be present with empty payloads
            parameters.addObject().put("name", "topic").put("valueCanonical", backport.topic());
        }
        parameters.addObject().put("name", "status").put("valueCode", statusOf(notification));
        parameters.addObject().put("name", "type").put("valueCode", notification.type());
        parameters.addObject().put("name", "events-since-subscription-start").put("valueString", Long.toString(eventsSinceStart));
        if (event) {
            ArrayNode parts = parameters.addObject().put("name", "notification-event").putArray("part");
            parts.addObject().put("name", "event-number").put("valueString", Long.toString(eventNumber));
            parts.addObject().put("name", "timestamp").put("valueInstant", notification.occurredAt().toString());
            if (!Backport.EMPTY.equals(content)) {
                parts.addObject().put("name", "focus").putObject("valueReference").put("reference", slotUrl(notification));
            }
        }
        ObjectNode statusEntry = entries.addObject().put("fullUrl", "urn:uuid:" + notification.notificationId());
        statusEntry.set("resource", status);
        statusEntry.putObject("request").put("method", "GET").put("url", subscription + "/$status");
        statusEntry.putObject("response").put("status", "200");

        if (event && Backport.FULL_RESOURCE.equals(content) && notification.resource() != null
                && notification.resource().isObject()) {
            boolean created = notification.slotVersion() == 1;
            ObjectNode slot = entries.addObject().put("fullUrl", slotUrl(notification));
            slot.set("resource", notification.resource());
            slot.putObject("request").put("method", created ? "POST" : "PUT")
                    .put("url", created ? "Slot" : "Slot/" + notification.slotId());
            slot.putObject("response").put("status", created ? "201" : "200");
        }
        return bundle;
    }

    private String slotUrl(NotificationRequested notification) {
        return fhirBase + "/Slot/" + notification.slotId();
    }

    /** A handshake is sent while the Subscription is requested; the others say what it was when matched. */
    private static String statusOf(NotificationRequested notification) {
        if (NotificationRequested.HANDSHAKE.equals(notification.type())) {
            return "requested";
        }
        return notification.status() == null ? "active" : notification.status();
    }
}
