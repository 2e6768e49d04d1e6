package org.esus.booking;

import static org.esus.booking.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.esus.common.events.AppointmentDraft;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * A booking not decided in time answers 503 with Retry-After, and its claim, which lands later,
 * is not orphaned: the appointment projection writes the Appointment the claim was granted for,
 * so a retry with the same identifier finds it (200) and the slot stays taken by exactly it.
 * A multi-slot booking that gave up leaves nothing held either. Decisions here can never arrive
 * within the 1 ms timeout.
 */
@QuarkusTest
@TestProfile(UndecidedBookingTest.ImpatientRequests.class)
class UndecidedBookingTest {

    public static class ImpatientRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("esus.booking.decision-timeout", "1ms",
                    "esus.booking.projection-delay", "1s",
                    "esus.booking.reservation-ttl", "2s");
        }
    }

    @Inject
    KafkaStreams streams;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTimedOutBookingIs503AndItsLateClaimBecomesTheAppointmentARetryFinds() throws Exception {
        String slot = Fixtures.freeSlot(streams);

        String identifier = java.util.UUID.randomUUID().toString();
        String body = Fixtures.appointmentWith(identifier, "booked", slot);
        api().body(body).post("/fhir/Appointment").then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("issue[0].code", equalTo("transient"));

        assertEquals(List.of(Outcome.CLAIMED), decisionsOf(slot, 1, Duration.ofSeconds(30)), "the late claim");
        awaitAppointmentsOn(slot, 1, Duration.ofSeconds(30));
        String id = api().body(body).post("/fhir/Appointment").then()
                .statusCode(200)
                .body("status", equalTo("booked"))
                .body("slot[0].reference", equalTo("Slot/" + slot))
                .body("start", startsWith("2026-12-07T09:00:00"))
                .body("meta.versionId", equalTo("1"))
                .extract().path("id");
        api().get("/fhir/Appointment/" + id).then().statusCode(200).body("identifier[0].value", equalTo(identifier));
        assertEquals(1, Fixtures.awaitKnown(streams, slot, 1).holds().size(), "the slot is held by that appointment only");
        assertEquals(List.of(Outcome.CLAIMED), decisionsOf(slot, 2, Duration.ofSeconds(3)), "nothing released it");
    }

    @Test
    void aTimedOutMultiSlotBookingLeavesItsReservationsToLapse() throws Exception {
        String first = Fixtures.freeSlot(streams);
        String second = Fixtures.freeSlot(streams);
        api().body(Fixtures.appointment(first, second)).post("/fhir/Appointment").then().statusCode(503);

        assertEquals(List.of(Outcome.RESERVED, Outcome.UNRESERVED), decisionsOf(first, 2, Duration.ofSeconds(30)),
                "reserved after the request gave up, then lapsed in the claim store");
        assertEquals(List.of(Outcome.RESERVED, Outcome.UNRESERVED), decisionsOf(second, 2, Duration.ofSeconds(30)));
        assertEquals(0, Fixtures.awaitKnown(streams, first, 1).holds().size());
        assertEquals(0, Fixtures.awaitKnown(streams, second, 1).holds().size());
        awaitAppointmentsOn(first, 0, Duration.ofSeconds(1));
    }

    /**
     * A requester that died after its confirms were granted, replayed by sending its commands as it
     * would have: the projection cannot know whether every confirm was granted, so it releases them.
     */
    @Test
    void confirmedClaimsOfAMultiSlotBookingThatWasNeverWrittenAreReleased() throws Exception {
        String first = Fixtures.freeSlot(streams);
        String second = Fixtures.freeSlot(streams);
        String appointment = java.util.UUID.randomUUID().toString();
        AppointmentDraft draft = new AppointmentDraft("{\"resourceType\":\"Appointment\",\"id\":\"" + appointment
                + "\",\"status\":\"booked\"}", null, List.of(first, second), List.of("Patient/p1"));
        send(command(first, appointment, Action.RESERVE, null), command(second, appointment, Action.RESERVE, null));
        assertEquals(List.of(Outcome.RESERVED), decisionsOf(first, 1, Duration.ofSeconds(30)));
        send(command(first, appointment, Action.CONFIRM, draft), command(second, appointment, Action.CONFIRM, draft));

        assertEquals(List.of(Outcome.RESERVED, Outcome.CLAIMED, Outcome.RELEASED), decisionsOf(first, 3, Duration.ofSeconds(30)));
        assertEquals(List.of(Outcome.RESERVED, Outcome.CLAIMED, Outcome.RELEASED), decisionsOf(second, 3, Duration.ofSeconds(30)));
        awaitAppointmentsOn(first, 0, Duration.ofSeconds(1));
        awaitAppointmentsOn(second, 0, Duration.ofSeconds(1));
    }

    private static ClaimCommand command(String slot, String appointment, Action action, AppointmentDraft draft) {
        return new ClaimCommand(java.util.UUID.randomUUID().toString(), slot, appointment, action, Instant.now(), null, draft);
    }

    private static void send(ClaimCommand... commands) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (ClaimCommand command : commands) {
                producer.send(new ProducerRecord<>(Topics.BOOKING_COMMANDS, command.slotId(), EventJson.write(command))).get();
            }
        }
    }

    private void awaitAppointmentsOn(String slot, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int rows = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT count(*) FROM appointment WHERE ? = ANY (slot_ids)")) {
                s.setString(1, slot);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    rows = r.getInt(1);
                }
            }
            if (rows == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(rows + " appointment row(s) on Slot/" + slot + ", expected " + expected);
    }

    /** The outcomes decided for a slot, in order, once {@code expected} of them are on esus.slot.claims. */
    private static List<Outcome> decisionsOf(String slot, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Outcome> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLOT_CLAIMS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (outcomes.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (slot.equals(record.key())) {
                        outcomes.add(EventJson.read(record.value(), SlotClaimDecision.class).outcome());
                    }
                }
            }
        }
        return outcomes;
    }
}
