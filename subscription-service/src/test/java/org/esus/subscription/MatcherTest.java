package org.esus.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.subscription.matcher.SubscriptionIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The matcher: esus.slot.events in, one NotificationRequested per match out on esus.notifications. */
@QuarkusTest
class MatcherTest {

    private static final String SECRET = "whsec-matcher-0123456789abcdef";
    private static SlotEventPublisher slots;
    private static TopicReader<NotificationRequested> notifications;

    @Inject
    SubscriptionIndex index;

    @BeforeAll
    static void open() {
        slots = new SlotEventPublisher();
        notifications = new TopicReader<>(Topics.NOTIFICATIONS, NotificationRequested.class);
    }

    @AfterAll
    static void close() {
        slots.close();
        notifications.close();
    }

    @Test
    void aMatchingSlotEventGivesExactlyOneNotificationWithTheContractBundle() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = subscribe("Slot?schedule.actor=" + practitioner + "&status=free", SECRET);
        SlotChanged event = SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free", practitioner);
        slots.publish(event);

        List<NotificationRequested> received = notifications.valuesOf(subscription, 1, Duration.ofSeconds(20));
        assertEquals(1, received.size());
        NotificationRequested notification = received.get(0);
        assertEquals(event.eventId(), notification.eventId());
        assertEquals(event.slotId(), notification.slotId());
        assertEquals("https://hooks.example.org/matcher", notification.endpoint());
        assertEquals(List.of("X-Client: esus-test"), notification.headers());
        assertTrue(notification.payload());
        assertEquals(SECRET, notification.secret());
        JsonNode bundle = notification.bundle();
        assertEquals("Bundle", bundle.path("resourceType").asText());
        assertEquals(notification.notificationId(), bundle.path("id").asText());
        assertEquals("notification", bundle.path("type").asText());
        assertEquals(event.occurredAt().toString(), bundle.path("timestamp").asText());
        assertEquals(1, bundle.path("entry").size());
        assertEquals("http://127.0.0.1:8080/fhir/Slot/" + event.slotId(), bundle.path("entry").get(0).path("fullUrl").asText());
        assertEquals(event.slot(), bundle.path("entry").get(0).path("resource"));

        // busy no longer matches status=free; nothing more arrives
        slots.publish(SlotEventPublisher.event(event.slotId(), 2, ChangeType.UPDATED, "busy", practitioner));
        assertEquals(1, notifications.valuesOf(subscription, 2, Duration.ofSeconds(3)).size());
    }

    @Test
    void anotherPractitionersSlotNotifiesNobody() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = subscribe("Slot?schedule.actor=" + practitioner, null);
        slots.publish(SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free",
                "Practitioner/" + UUID.randomUUID()));
        assertEquals(0, notifications.valuesOf(subscription, 1, Duration.ofSeconds(3)).size());
    }

    @Test
    void fiveQuickUpdatesGiveFiveNotificationsInOrder() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = subscribe("Slot?schedule.actor=" + practitioner, null);
        String slotId = UUID.randomUUID().toString();
        String[] statuses = {"free", "busy", "free", "busy-tentative", "busy"};
        for (int version = 1; version <= 5; version++) {
            slots.publish(SlotEventPublisher.event(slotId, version, version == 1 ? ChangeType.CREATED : ChangeType.UPDATED,
                    statuses[version - 1], practitioner));
        }
        List<NotificationRequested> received = notifications.valuesOf(subscription, 5, Duration.ofSeconds(20));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), received.stream().map(NotificationRequested::slotVersion).toList());
        for (int i = 0; i < 5; i++) {
            assertEquals(statuses[i], received.get(i).bundle().path("entry").get(0).path("resource").path("status").asText());
        }
        assertNull(received.get(0).secret(), "a subscription without a secret carries none");
    }

    @Test
    void theSameEventTwiceKeepsItsNotificationId() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = subscribe("Slot?schedule.actor=" + practitioner, null);
        SlotChanged event = SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free", practitioner);
        slots.publish(event);
        slots.publish(event); // a relay that died before marking the event sent publishes it again
        List<NotificationRequested> received = notifications.valuesOf(subscription, 2, Duration.ofSeconds(20));
        assertEquals(2, received.size());
        assertEquals(received.get(0).notificationId(), received.get(1).notificationId());
        assertEquals(received.get(0).bundle(), received.get(1).bundle());
    }

    @Test
    void criteriaWithoutAnIndexKeyAreStillMatchedAndDeletedSlotsAreNot() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String slotId = UUID.randomUUID().toString();
        String byId = subscribe("Slot?_id=" + slotId, null);
        String scan = subscribe("Slot?status=busy-unavailable", null);
        slots.publish(SlotEventPublisher.event(slotId, 1, ChangeType.CREATED, "busy-unavailable", practitioner));
        slots.publish(SlotEventPublisher.event(slotId, 2, ChangeType.DELETED, "busy-unavailable", practitioner));
        assertEquals(1, notifications.valuesOf(byId, 1, Duration.ofSeconds(20)).size());
        assertEquals(1, notifications.valuesOf(scan, 1, Duration.ofSeconds(20)).size());
        assertEquals(1, notifications.valuesOf(byId, 2, Duration.ofSeconds(2)).size(), "DELETED notifies nobody");
    }

    @Test
    void anOffOrDeletedSubscriptionIsNotNotified() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String off = subscribe("Slot?schedule.actor=" + practitioner, null);
        String body = Fixtures.subscription("Slot?schedule.actor=" + practitioner, "https://hooks.example.org/matcher", null)
                .replace("\"requested\"", "\"off\"").replace("{\"resourceType\":\"Subscription\",",
                        "{\"resourceType\":\"Subscription\",\"id\":\"" + off + "\",");
        Fixtures.api().body(body).put("/fhir/Subscription/" + off).then().statusCode(200);
        String deleted = subscribe("Slot?schedule.actor=" + practitioner, null);
        Fixtures.api().delete("/fhir/Subscription/" + deleted).then().statusCode(200);
        Eventually.until(Duration.ofSeconds(20), () -> !index.contains(off, 1) && !index.contains(deleted, 1));
        slots.publish(SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free", practitioner));
        assertEquals(0, notifications.valuesOf(off, 1, Duration.ofSeconds(3)).size());
        assertEquals(0, notifications.valuesOf(deleted, 1, Duration.ofSeconds(1)).size());
    }

    @Test
    void noNotificationAfterTheSubscriptionsEnd() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String ended = Fixtures.create(Fixtures.subscription("Slot?schedule.actor=" + practitioner,
                "https://hooks.example.org/matcher", null).replace("\"reason\"", "\"end\":\"2026-01-01T00:00:00Z\",\"reason\""));
        String open = subscribe("Slot?schedule.actor=" + practitioner, null);
        Eventually.until(Duration.ofSeconds(20), () -> index.contains(ended, 1));
        slots.publish(SlotEventPublisher.event(UUID.randomUUID().toString(), 1, ChangeType.CREATED, "free", practitioner));
        assertEquals(1, notifications.valuesOf(open, 1, Duration.ofSeconds(20)).size());
        assertEquals(0, notifications.valuesOf(ended, 1, Duration.ofSeconds(1)).size());
    }

    /** Creates a Subscription and waits until the matcher's view holds it. */
    private String subscribe(String criteria, String secret) {
        String id = Fixtures.create(Fixtures.subscription(criteria, "https://hooks.example.org/matcher", secret));
        Eventually.until(Duration.ofSeconds(20), () -> index.contains(id, 1));
        return id;
    }
}
