package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.Topics;
import org.esus.testsupport.SlotEventsReader;
import org.junit.jupiter.api.Test;

/**
 * Invariant 2 on slot-service's side: a claim decision on esus.slot.claims makes the Slot busy,
 * the last release makes it free again, each change is a SlotChanged event, and a re-delivered
 * decision changes nothing.
 */
@QuarkusTest
class ClaimDecisionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void claimsMakeTheSlotBusyAndTheLastReleaseFreesIt() throws Exception {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String slot = Fixtures.createSlot(schedule, "free", Instant.parse("2026-12-01T09:00:00Z"));
        SlotClaimDecision claim = decision(slot, Outcome.CLAIMED, 1);
        try (KafkaProducer<String, String> producer = producer(); SlotEventsReader events = new SlotEventsReader(bootstrapServers)) {
            send(producer, claim);
            awaitStatus(slot, "busy");
            send(producer, claim); // re-delivered: already applied
            send(producer, decision(slot, Outcome.CLAIMED, 2)); // an overbooking: still busy, no change
            SlotClaimDecision partialRelease = decision(slot, Outcome.RELEASED, 1); // one appointment still holds it
            send(producer, partialRelease);
            awaitApplied(partialRelease.decisionId());
            assertEquals("busy", api().get("/fhir/Slot/" + slot).then().extract().path("status"));
            send(producer, decision(slot, Outcome.REJECTED, 1));
            send(producer, decision(slot, Outcome.RESERVED, 1)); // reservations never show on the slot
            send(producer, decision(slot, Outcome.UNRESERVED, 1));
            SlotClaimDecision lastRelease = decision(slot, Outcome.RELEASED, 0);
            send(producer, lastRelease);
            awaitStatus(slot, "free");

            List<SlotChanged> changes = events.eventsOf(slot, 3, WAIT);
            events.drainFor(Duration.ofSeconds(1));
            changes = events.eventsOf(slot, 3, Duration.ZERO);
            assertEquals(List.of("free", "busy", "free"), changes.stream().map(e -> e.slot().get("status").asText()).toList());
            assertEquals(List.of(1L, 2L, 3L), changes.stream().map(SlotChanged::version).toList());
            // booking-service recognises the echoes of its own decisions by this id
            assertEquals(java.util.Arrays.asList(null, claim.decisionId(), lastRelease.decisionId()),
                    changes.stream().map(SlotChanged::claimDecisionId).toList());
        }
    }

    @Test
    void aBurstOfDecisionsIsAppliedInOrderWithOneEventPerChange() throws Exception {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        List<String> slots = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slots.add(Fixtures.createSlot(schedule, "free", Instant.parse("2026-12-03T09:00:00Z").plusSeconds(900L * i)));
        }
        try (KafkaProducer<String, String> producer = producer(); SlotEventsReader events = new SlotEventsReader(bootstrapServers)) {
            // Sent without waiting, so the consumer reads them in few polls: batches mix slots, and an
            // even slot's claim and release may share one batch and one transaction.
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            SlotClaimDecision last = null;
            for (int i = 0; i < slots.size(); i++) {
                SlotClaimDecision claim = decision(slots.get(i), Outcome.CLAIMED, 1);
                sent.add(producer.send(record(claim)));
                sent.add(producer.send(record(claim))); // a duplicate inside the burst changes nothing
                last = i % 2 == 0 ? decision(slots.get(i), Outcome.RELEASED, 0) : claim;
                if (i % 2 == 0) {
                    sent.add(producer.send(record(last)));
                }
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
            awaitApplied(last.decisionId());
            for (int i = 0; i < slots.size(); i++) {
                String expected = i % 2 == 0 ? "free" : "busy";
                List<SlotChanged> changes = events.eventsOf(slots.get(i), i % 2 == 0 ? 3 : 2, WAIT);
                assertEquals(i % 2 == 0 ? List.of("free", "busy", "free") : List.of("free", "busy"),
                        changes.stream().map(e -> e.slot().get("status").asText()).toList(), "events of slot " + i);
                assertEquals(changes.stream().map(SlotChanged::version).toList(),
                        java.util.stream.LongStream.rangeClosed(1, changes.size()).boxed().toList(), "versions of slot " + i);
                api().get("/fhir/Slot/" + slots.get(i)).then().statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo(expected))
                        .body("meta.versionId", org.hamcrest.Matchers.equalTo(Integer.toString(changes.size())));
            }
        }
    }

    @Test
    void statusesSetByTheSchedulerAreLeftAlone() throws Exception {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String blocked = Fixtures.createSlot(schedule, "busy-unavailable", Instant.parse("2026-12-02T09:00:00Z"));
        SlotClaimDecision release = decision(blocked, Outcome.RELEASED, 0);
        SlotClaimDecision claim = decision(blocked, Outcome.CLAIMED, 1);
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, release);
            send(producer, claim);
        }
        awaitApplied(claim.decisionId()); // same key, same partition: the release was applied before it
        api().get("/fhir/Slot/" + blocked).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("busy-unavailable"))
                .body("meta.versionId", org.hamcrest.Matchers.equalTo("1"));
    }

    private void awaitApplied(String decisionId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT 1 FROM claim_decision_log WHERE decision_id = ?::uuid")) {
                s.setString(1, decisionId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("decision " + decisionId + " was never applied");
    }

    /** A decision as the claim store makes it: the slot is busy while {@code active} appointments hold it. */
    private static SlotClaimDecision decision(String slot, Outcome outcome, int active) {
        return new SlotClaimDecision(UUID.randomUUID().toString(), slot, UUID.randomUUID().toString(), outcome,
                outcome == Outcome.REJECTED ? SlotClaimDecision.Reason.UNAVAILABLE : null, active,
                active > 0 ? "busy" : "free", null, null, Instant.now(), null);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, SlotClaimDecision decision) throws Exception {
        producer.send(record(decision)).get();
    }

    private static ProducerRecord<String, String> record(SlotClaimDecision decision) {
        return new ProducerRecord<>(Topics.SLOT_CLAIMS, decision.slotId(), EventJson.write(decision));
    }

    private static void awaitStatus(String slot, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String current = null;
        while (System.nanoTime() < deadline) {
            current = api().get("/fhir/Slot/" + slot).then().extract().path("status");
            if (status.equals(current)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(status, current, "Slot/" + slot + " status");
    }
}
