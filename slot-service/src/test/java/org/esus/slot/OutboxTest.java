package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotChanged;
import org.esus.common.outbox.OutboxRelay;
import org.esus.testsupport.SlotEventsReader;
import org.junit.jupiter.api.Test;

/**
 * Invariant 3: every committed change to a Slot produces exactly one event on esus.slot.events,
 * in order per slot, and none is lost when the relay is down between commit and publish.
 */
@QuarkusTest
class OutboxTest {

    private static final Instant START = Instant.parse("2026-08-03T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyChangeIsOneEventInOrder() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String schedule = Fixtures.createSchedule(practitioner);
        String id = Fixtures.createSlot(schedule, "free", START);
        update(id, schedule, "busy");
        update(id, schedule, "free");
        update(id, schedule, "busy-tentative");
        api().delete("/fhir/Slot/" + id).then().statusCode(200);

        try (SlotEventsReader reader = new SlotEventsReader(bootstrapServers)) {
            List<SlotChanged> events = reader.eventsOf(id, 5, WAIT);
            reader.drainFor(Duration.ofSeconds(1));
            events = reader.eventsOf(id, 5, Duration.ZERO);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().map(SlotChanged::version).toList());
            assertEquals(List.of(ChangeType.CREATED, ChangeType.UPDATED, ChangeType.UPDATED, ChangeType.UPDATED,
                    ChangeType.DELETED), events.stream().map(SlotChanged::changeType).toList());
            assertEquals(List.of("free", "busy", "free", "busy-tentative", "busy-tentative"),
                    events.stream().map(e -> e.slot().get("status").asText()).toList());
            SlotChanged first = events.get(0);
            assertEquals(schedule, first.scheduleId());
            assertEquals(List.of(practitioner), first.actors());
            assertEquals(id, first.slot().get("id").asText());
            assertEquals(5, events.stream().map(SlotChanged::eventId).distinct().count(), "event ids are unique");
        }
    }

    @Test
    void changesCommittedWhileTheRelayIsDownArePublishedWhenItReturns() throws Exception {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        relay.stop();
        String id;
        try {
            id = Fixtures.createSlot(schedule, "free", START);
            update(id, schedule, "busy");
            update(id, schedule, "free");
            update(id, schedule, "busy");
            try (SlotEventsReader reader = new SlotEventsReader(bootstrapServers)) {
                reader.drainFor(Duration.ofSeconds(1));
                assertEquals(0, reader.eventsOf(id, 0, Duration.ZERO).size(), "nothing is published while the relay is down");
            }
            assertTrue(unpublishedEventsFor(id) == 4, "the four committed changes wait in the outbox");
        } finally {
            relay.start();
        }
        try (SlotEventsReader reader = new SlotEventsReader(bootstrapServers)) {
            List<SlotChanged> events = reader.eventsOf(id, 4, WAIT);
            reader.drainFor(Duration.ofSeconds(1));
            events = reader.eventsOf(id, 4, Duration.ZERO);
            assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(SlotChanged::version).toList());
        }
        assertEquals(0, unpublishedEventsFor(id));
    }

    @Test
    void changingAScheduleActorsAnnouncesEachOfItsSlots() {
        String before = "Practitioner/" + UUID.randomUUID();
        String after = "Practitioner/" + UUID.randomUUID();
        String schedule = Fixtures.createSchedule(before);
        String first = Fixtures.createSlot(schedule, "free", START);
        String second = Fixtures.createSlot(schedule, "busy", START.plusSeconds(3600));
        api().body(Fixtures.schedule(after).replace("{\"resourceType\":\"Schedule\",",
                "{\"resourceType\":\"Schedule\",\"id\":\"" + schedule + "\",")).put("/fhir/Schedule/" + schedule)
                .then().statusCode(200);

        try (SlotEventsReader reader = new SlotEventsReader(bootstrapServers)) {
            for (String slot : List.of(first, second)) {
                List<SlotChanged> events = reader.eventsOf(slot, 2, WAIT);
                assertEquals(2, events.size());
                assertEquals(ChangeType.SCHEDULE_CHANGED, events.get(1).changeType());
                assertEquals(List.of(after), events.get(1).actors());
                assertEquals(1L, events.get(1).version(), "the slot itself did not change");
            }
        }
        api().get("/fhir/Slot?schedule.actor=" + after + "&_count=0").then().body("total", org.hamcrest.Matchers.equalTo(2));
        api().get("/fhir/Slot?schedule.actor=" + before + "&_count=0").then().body("total", org.hamcrest.Matchers.equalTo(0));
    }

    private int unpublishedEventsFor(String slotId) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND message_key = '"
                        + UUID.fromString(slotId) + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void update(String id, String schedule, String status) {
        String body = Fixtures.slot(schedule, status, START, 15).replace("{\"resourceType\":\"Slot\",",
                "{\"resourceType\":\"Slot\",\"id\":\"" + id + "\",");
        api().body(body).put("/fhir/Slot/" + id).then().statusCode(200);
    }
}
