package org.esus.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.subscription.matcher.SubscriptionIndex;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/**
 * A topic-based Subscription end to end inside subscription-service: its handshake and then its
 * events (deletions included, the topic's trigger) reach esus.notifications, numbered, as the
 * Backport IG's R4 history Bundles.
 */
@QuarkusTest
class BackportNotificationTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Inject
    SubscriptionIndex index;

    @Test
    void theHandshakeComesFirstThenEachMatchingChangeWithItsNumber() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = Fixtures.create(Fixtures.topicSubscription("https://hooks.example.org/backport")
                .replace("Practitioner/123", practitioner));
        Eventually.until(Duration.ofSeconds(20), () -> index.contains(subscription, 1));
        String slotId = UUID.randomUUID().toString();
        try (SlotEventPublisher slots = new SlotEventPublisher();
                TopicReader<NotificationRequested> notifications = new TopicReader<>(Topics.NOTIFICATIONS,
                        NotificationRequested.class)) {
            slots.publish(SlotEventPublisher.event(slotId, 1, ChangeType.CREATED, "free", practitioner));
            slots.publish(SlotEventPublisher.event(slotId, 2, ChangeType.UPDATED, "busy", practitioner));
            slots.publish(SlotEventPublisher.event(slotId, 3, ChangeType.DELETED, "busy", practitioner));
            slots.publish(SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free",
                    "Practitioner/" + UUID.randomUUID())); // another practitioner's: not this Subscription's

            List<NotificationRequested> sent = notifications.valuesOf(subscription, 4, Duration.ofSeconds(30));
            assertEquals(4, sent.size(), "the handshake and three events: " + sent);

            NotificationRequested handshake = sent.get(0);
            assertEquals(NotificationRequested.HANDSHAKE, handshake.type());
            assertEquals("https://hooks.example.org/backport", handshake.endpoint());
            Parameters hello = status(handshake);
            assertEquals("handshake", value(hello, "type"));
            assertEquals("requested", value(hello, "status"));
            assertEquals("0", value(hello, "events-since-subscription-start"));

            for (int i = 1; i <= 2; i++) {
                NotificationRequested event = sent.get(i);
                assertEquals(i, event.eventNumber());
                Bundle bundle = parsed(event);
                Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
                assertEquals("event-notification", value(status, "type"));
                assertEquals(Integer.toString(i), value(status, "events-since-subscription-start"));
                assertEquals(Fixtures.TOPIC, value(status, "topic"));
                Slot slot = (Slot) bundle.getEntry().get(1).getResource();
                assertEquals(slotId, slot.getIdElement().getIdPart());
                assertEquals(Integer.toString(i), slot.getMeta().getVersionId());
                assertTrue(event.payload(), "a topic-based Subscription's Bundle is always POSTed");
            }
            // The topic's delete trigger: the deletion is event 3, an entry with a DELETE request and no Slot.
            Bundle deletion = parsed(sent.get(3));
            assertEquals("3", value((Parameters) deletion.getEntryFirstRep().getResource(), "events-since-subscription-start"));
            assertEquals("DELETE", deletion.getEntry().get(1).getRequest().getMethod().toCode());
        }
    }

    private static Bundle parsed(NotificationRequested notification) {
        return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, EventJson.write(notification.bundle()));
    }

    private static Parameters status(NotificationRequested notification) {
        Bundle bundle = parsed(notification);
        assertEquals(Bundle.BundleType.HISTORY, bundle.getType());
        return (Parameters) bundle.getEntryFirstRep().getResource();
    }

    private static String value(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name)).getValue().primitiveValue();
    }
}
