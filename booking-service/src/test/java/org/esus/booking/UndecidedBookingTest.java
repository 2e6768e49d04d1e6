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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
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
 * Decisions here can never arrive within the 1 ms timeout.
 */
@QuarkusTest
@TestProfile(UndecidedBookingTest.ImpatientRequests.class)
class UndecidedBookingTest {

    public static class ImpatientRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("esus.booking.decision-timeout", "1ms",
                    "esus.booking.projection-delay", "1s");
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
