package org.esus.booking;

import static org.esus.booking.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
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
 * is not orphaned: the reconciler releases it, so the slot is free in the claim store again and
 * no appointment is left behind. Decisions here can never arrive within the 1 ms timeout.
 */
@QuarkusTest
@TestProfile(UndecidedBookingTest.ImpatientRequests.class)
class UndecidedBookingTest {

    public static class ImpatientRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("esus.booking.decision-timeout", "1ms",
                    "esus.booking.abandon-after", "1s",
                    "esus.booking.reconcile-every", "500ms");
        }
    }

    @Inject
    KafkaStreams streams;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTimedOutBookingIs503AndItsLateClaimIsReleased() throws Exception {
        String slot = Fixtures.freeSlot(streams);

        String identifier = java.util.UUID.randomUUID().toString();
        api().body(Fixtures.appointmentWith(identifier, "booked", slot)).post("/fhir/Appointment").then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("issue[0].code", equalTo("transient"));

        List<Outcome> outcomes = decisionsOf(slot, 2, Duration.ofSeconds(30));
        assertEquals(List.of(Outcome.CLAIMED, Outcome.RELEASED), outcomes, "the late claim, then the reconciler's release");
        assertEquals(0, Fixtures.awaitKnown(streams, slot, 1).holds().size());
        awaitNoAppointments(Duration.ofSeconds(10));
    }

    private void awaitNoAppointments(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int rows = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                    ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM appointment")) {
                r.next();
                rows = r.getInt(1);
            }
            if (rows == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(rows + " abandoned appointment row(s) left behind");
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
