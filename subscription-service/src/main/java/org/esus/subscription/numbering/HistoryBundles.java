package org.esus.subscription.numbering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SubscriptionState.Backport;

/**
 * The Bundles of topic-based Subscriptions (Subscriptions R5 Backport IG 1.1.0, R4 profile
 * {@code backport-subscription-notification-r4}): a {@code history} Bundle whose first entry is the
 * {@code backport-subscription-status-r4} Parameters, then each event's Slot for {@code full-resource}.
 * One builder for the notifications the numbering sends and for {@code $events} and {@code $status}
 * answers. Built with Jackson, as the matcher builds the seed's Bundle: no FHIR model on this hop;
 * tests parse every shape with HAPI FHIR's strict R4 parser.
 */
public final class HistoryBundles {

    static final String NOTIFICATION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4";
    static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

    /** One event as a Bundle states it. */
    public record Event(long number, Instant timestamp, String slotId, long slotVersion, JsonNode slot, ChangeType change) {
    }

    /** What the status Parameters say besides the events. */
    public record Status(String subscriptionId, String topic, String status, String type, long eventsSinceStart) {
    }

    private final String fhirBase;

    public HistoryBundles(String fhirBase) {
        this.fhirBase = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
    }

    /**
     * A notification as the numbering sends it.
     *
     * @param eventNumber      the event's number; ignored for a handshake or a heartbeat
     * @param eventsSinceStart the Subscription's events so far, this one included (handshakes and
     *                         heartbeats do not count)
     */
    ObjectNode of(NotificationRequested notification, long eventNumber, long eventsSinceStart, Instant now) {
        boolean event = notification.isEvent();
        Status status = new Status(notification.subscriptionId(), notification.backport().topic(), statusOf(notification),
                notification.type(), eventsSinceStart);
        List<Event> events = event ? List.of(new Event(eventNumber, notification.occurredAt(), notification.slotId(),
                notification.slotVersion(), notification.resource(), notification.change())) : List.of();
        return bundle(notification.notificationId(), status, notification.backport().content(), events,
                event ? notification.occurredAt() : now);
    }

    /** A Bundle of {@code events} with {@code content} ({@code empty}, {@code id-only} or {@code full-resource}). */
    public ObjectNode bundle(String id, Status status, String content, List<Event> events, Instant timestamp) {
        String subscription = fhirBase + "/Subscription/" + status.subscriptionId();
        ObjectNode bundle = JsonNodeFactory.instance.objectNode().put("resourceType", "Bundle").put("id", id);
        bundle.putObject("meta").putArray("profile").add(NOTIFICATION_PROFILE);
        bundle.put("type", "history").put("timestamp", timestamp.toString());
        ArrayNode entries = bundle.putArray("entry");

        ObjectNode parametersEntry = entries.addObject().put("fullUrl", "urn:uuid:" + id);
        parametersEntry.set("resource", statusParameters(id, status, content, events));
        parametersEntry.putObject("request").put("method", "GET").put("url", subscription + "/$status");
        parametersEntry.putObject("response").put("status", "200");

        if (Backport.FULL_RESOURCE.equals(content)) {
            for (Event event : events) {
                slotEntry(entries, event);
            }
        }
        return bundle;
    }

    /** The {@code backport-subscription-status-r4} Parameters. */
    public ObjectNode statusParameters(String id, Status status, String content, List<Event> events) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("resourceType", "Parameters").put("id", id);
        parameters.putObject("meta").putArray("profile").add(STATUS_PROFILE);
        ArrayNode list = parameters.putArray("parameter");
        list.addObject().put("name", "subscription").putObject("valueReference")
                .put("reference", fhirBase + "/Subscription/" + status.subscriptionId());
        if (status.topic() != null && !Backport.EMPTY.equals(content)) { // the IG: none with empty payloads
            list.addObject().put("name", "topic").put("valueCanonical", status.topic());
        }
        list.addObject().put("name", "status").put("valueCode", status.status());
        list.addObject().put("name", "type").put("valueCode", status.type());
        list.addObject().put("name", "events-since-subscription-start").put("valueString", Long.toString(status.eventsSinceStart()));
        for (Event event : events) {
            ArrayNode parts = list.addObject().put("name", "notification-event").putArray("part");
            parts.addObject().put("name", "event-number").put("valueString", Long.toString(event.number()));
            parts.addObject().put("name", "timestamp").put("valueInstant", event.timestamp().toString());
            if (!Backport.EMPTY.equals(content)) {
                parts.addObject().put("name", "focus").putObject("valueReference").put("reference", slotUrl(event));
            }
        }
        return parameters;
    }

    /** As a history Bundle states a change: a deletion has no resource (bdl-4 wants a request either way). */
    private void slotEntry(ArrayNode entries, Event event) {
        ChangeType change = event.change() != null ? event.change()
                : event.slotVersion() == 1 ? ChangeType.CREATED : ChangeType.UPDATED; // matched before changes were carried
        boolean deleted = change == ChangeType.DELETED;
        if (!deleted && (event.slot() == null || !event.slot().isObject())) {
            return;
        }
        ObjectNode entry = entries.addObject().put("fullUrl", slotUrl(event));
        if (deleted) {
            entry.putObject("request").put("method", "DELETE").put("url", "Slot/" + event.slotId());
            entry.putObject("response").put("status", "204");
            return;
        }
        boolean created = change == ChangeType.CREATED;
        entry.set("resource", event.slot());
        entry.putObject("request").put("method", created ? "POST" : "PUT").put("url", created ? "Slot" : "Slot/" + event.slotId());
        entry.putObject("response").put("status", created ? "201" : "200");
    }

    private String slotUrl(Event event) {
        return fhirBase + "/Slot/" + event.slotId();
    }

    /** A handshake is sent while the Subscription is requested; the others say what it was when matched. */
    private static String statusOf(NotificationRequested notification) {
        if (NotificationRequested.HANDSHAKE.equals(notification.type())) {
            return "requested";
        }
        return notification.status() == null ? "active" : notification.status();
    }
}
