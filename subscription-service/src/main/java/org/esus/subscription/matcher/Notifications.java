package org.esus.subscription.matcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SubscriptionState;

/** Builds the NotificationRequested of one (event, subscription) match, Bundle of CONTRACT section 6 included. */
final class Notifications {

    private final String fhirBase;

    Notifications(String fhirBase) {
        this.fhirBase = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
    }

    /**
     * A criteria Subscription's notification carries its Bundle now; a topic-based one's Bundle
     * names the event's number, so it carries the Slot and the numbering builds the Bundle.
     */
    NotificationRequested of(SlotChanged event, SubscriptionState subscription) {
        String id = notificationId(event.eventId(), subscription.subscriptionId());
        boolean topicBased = subscription.backport() != null;
        return new NotificationRequested(id, subscription.subscriptionId(), event.eventId(), event.slotId(),
                event.version(), event.occurredAt(), subscription.endpoint(), subscription.headers(),
                subscription.payload(), subscription.secret(), topicBased ? null : bundle(id, event),
                NotificationRequested.EVENT_NOTIFICATION, 0, subscription.backport(), subscription.status(),
                topicBased ? event.slot() : null, event.changeType());
    }

    /** Name-based, so the same event matched again (a replay after a restart) keeps its id on every try. */
    static String notificationId(String eventId, String subscriptionId) {
        return UUID.nameUUIDFromBytes((eventId + "|" + subscriptionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ObjectNode bundle(String id, SlotChanged event) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Bundle").put("id", id).put("type", "notification")
                .put("timestamp", event.occurredAt().toString());
        ObjectNode entry = bundle.putArray("entry").addObject().put("fullUrl", fhirBase + "/Slot/" + event.slotId());
        entry.set("resource", event.slot());
        return bundle;
    }
}
