package org.esus.subscription.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.subscription.Fixtures;
import org.esus.subscription.SlotEventPublisher;
import org.esus.subscription.TopicReader;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestDatabase;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4 across restarts of the matcher: subscription-service runs as a real process and is
 * stopped cleanly once and killed with SIGKILL once while Slot changes keep arriving. A
 * read_committed reader of esus.notifications (as the dispatchers are) must see every change
 * notified exactly once, in change order, numbered 1, 2, ... without gaps: the matcher's
 * transactions hold its matches and its consumed offsets together, and the numbering runs under
 * exactly_once_v2, so the killed replica's open work is aborted, never repeated or skipped.
 */
class MatcherRestartIT {

    private static final String DATABASE = "esus_it_subscription_restart_" + ProcessHandle.current().pid();
    private static final int CHANGES = 90;
    private static String jdbcUrl;
    private static File log;

    @BeforeAll
    static void infrastructure() {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        log = new File("target", "matcher-restart.log");
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(DATABASE);
    }

    @Test
    void everyChangeIsNotifiedAcrossAStopAndAKill() throws Exception {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String slotId = UUID.randomUUID().toString();
        String subscription;
        try (SlotEventPublisher slots = new SlotEventPublisher();
                TopicReader<NotificationRequested> notifications =
                        new TopicReader<>(Topics.NOTIFICATIONS, NotificationRequested.class)) {
            int version = 0;
            try (ServiceProcess service = start()) {
                subscription = given().baseUri(service.baseUrl()).header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                        .contentType(Fixtures.FHIR_JSON)
                        .body(Fixtures.subscription("Slot?schedule.actor=" + practitioner, "https://hooks.example.org/it", null))
                        .post("Subscription").then().statusCode(201).extract().path("id");
                // The first change is published until the matcher's view holds the new subscription.
                version = publish(slots, slotId, version, 1, practitioner);
                while (notifications.valuesOf(subscription, 1, Duration.ofMillis(500)).isEmpty()) {
                    slots.publish(SlotEventPublisher.event(slotId, version, ChangeType.UPDATED, "free", practitioner));
                }
                version = publish(slots, slotId, version, 29, practitioner);
            }
            // Stopped: changes wait in esus.slot.events for the next start.
            version = publish(slots, slotId, version, 15, practitioner);
            try (ServiceProcess service = start()) {
                version = publish(slots, slotId, version, 15, practitioner);
                notifications.valuesOf(subscription, version - 10, Duration.ofSeconds(30));
                version = publish(slots, slotId, version, 10, practitioner);
                service.kill(); // SIGKILL while the last changes may still be in flight
            }
            version = publish(slots, slotId, version, 10, practitioner);
            try (ServiceProcess service = start()) {
                version = publish(slots, slotId, version, CHANGES - version, practitioner);
                List<NotificationRequested> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (distinctVersions(received).size() < CHANGES && System.nanoTime() < deadline) {
                    received = notifications.valuesOf(subscription, received.size() + 1, Duration.ofSeconds(2));
                }
                assertEquals(firstToLast(CHANGES), new ArrayList<>(distinctVersions(received)),
                        "every change notified, in change order");
                // Version 1 may have been published more than once (until the view held the subscription),
                // each time as its own event; no event may be notified twice.
                List<String> events = received.stream().map(NotificationRequested::eventId).toList();
                assertEquals(new LinkedHashSet<>(events).size(), events.size(), "no change notified twice: " + events);
                // The numbering (exactly once too) numbered them 1, 2, ... in the order they arrived.
                List<Long> numbers = received.stream().map(NotificationRequested::eventNumber).toList();
                assertEquals(LongStream.rangeClosed(1, received.size()).boxed().toList(), numbers,
                        "event numbers without gaps or repeats");
            }
        }
    }

    /** Publishes {@code count} updates after {@code version}; returns the last version. */
    private static int publish(SlotEventPublisher slots, String slotId, int version, int count, String practitioner) {
        for (int i = 0; i < count; i++) {
            version++;
            slots.publish(SlotEventPublisher.event(slotId, version, version == 1 ? ChangeType.CREATED : ChangeType.UPDATED,
                    version % 2 == 0 ? "busy" : "free", practitioner));
        }
        return version;
    }

    private static Set<Long> distinctVersions(List<NotificationRequested> received) {
        Set<Long> versions = new LinkedHashSet<>();
        received.forEach(n -> versions.add(n.slotVersion()));
        return versions;
    }

    private static List<Long> firstToLast(int count) {
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }

    private static ServiceProcess start() throws Exception {
        Map<String, String> environment = new HashMap<>(ServiceProcess.environment(jdbcUrl, KafkaBroker.bootstrapServers()));
        environment.put("ESUS_SUBSCRIPTION_ALLOW_LOOPBACK", "true");
        return ServiceProcess.start("subscription-service", environment, log);
    }
}
