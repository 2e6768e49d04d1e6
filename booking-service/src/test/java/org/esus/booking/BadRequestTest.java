package org.esus.booking;

import static org.esus.booking.Fixtures.api;
import static org.esus.booking.Fixtures.appointment;
import static org.esus.booking.Fixtures.appointmentWith;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT section 1 for bookings: a bad request gets its OperationOutcome and status, and
 * leaves nothing behind: no command on esus.booking.commands, no appointment, the slot still free.
 */
@QuarkusTest
class BadRequestTest {

    /** The issue codes CONTRACT section 1 allows for a request the server cannot read. */
    private static final org.hamcrest.Matcher<String> INVALID = org.hamcrest.Matchers.oneOf("invalid", "structure", "value");

    @Inject
    KafkaStreams streams;

    @Test
    void badBookingsAreRefusedAndPublishNothing() {
        String slot = Fixtures.freeSlot(streams);
        String valid = appointment(slot);
        List<Long> before = commandEndOffsets();

        expect(400, INVALID, "{\"resourceType\":\"Appointment\",");
        expect(400, INVALID, valid.replace("\"resourceType\":\"Appointment\"", "\"resourceType\":\"Slot\""));
        expect(400, INVALID, valid.replace("\"status\":\"booked\"", "\"status\":\"booked\",\"colour\":\"red\""));
        expect(400, INVALID, valid.replace("\"status\":\"booked\",", ""));
        expect(400, INVALID, valid.replace("\"status\":\"booked\"", "\"status\":\"maybe\""));
        expect(422, "business-rule", valid.replace("\"status\":\"booked\"", "\"status\":\"cancelled\""));
        expect(422, "business-rule", appointment());
        expect(400, "value", valid.replace("Slot/" + slot, "Schedule/" + slot));
        expect(400, "value", valid.replace("Slot/" + slot, "Slot/not-a-uuid"));
        expect(400, INVALID, valid.replace("Slot/" + slot, "#contained"));
        expect(400, "value", appointment(slot, slot));
        expect(400, "value", valid.replace("Patient/p1", "just text"));
        // An identifier longer than the unique index takes (random, so PostgreSQL cannot compress it below the limit).
        expect(400, "value", appointmentWith(new java.util.Random(7).ints(3000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(), "booked", slot));
        api().header("If-None-Exist", "patient=Patient/p1").body(valid).post("/fhir/Appointment")
                .then().statusCode(400).body("issue[0].code", equalTo("value"));

        api().contentType("application/xml").body("<Appointment/>").post("/fhir/Appointment").then().statusCode(415)
                .body("issue[0].code", equalTo("not-supported"));
        RestAssured.given().contentType(Fixtures.FHIR_JSON).body(valid).post("/fhir/Appointment")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("issue[0].code", equalTo("login"));
        api("system/Slot.rs system/Appointment.rs").body(valid).post("/fhir/Appointment")
                .then().statusCode(403).body("issue[0].code", equalTo("forbidden"));
        RestAssured.given().header("Authorization", "Bearer " + TestTokens.expired()).contentType(Fixtures.FHIR_JSON)
                .body(valid).post("/fhir/Appointment").then().statusCode(401);

        assertEquals(before, commandEndOffsets(), "no command was published");
        api().get("/fhir/Appointment?slot=" + slot).then().statusCode(200).body("total", equalTo(0));
        api().body(valid).post("/fhir/Appointment").then().statusCode(201); // the slot is still free
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        api().get("/fhir/Appointment/" + UUID.randomUUID()).then().statusCode(404)
                .body("issue[0].code", equalTo("not-found"));
        api().get("/fhir/Appointment/not-a-uuid").then().statusCode(404);
        api().body(appointment(UUID.randomUUID().toString()).replace("{\"resourceType\":\"Appointment\",",
                "{\"resourceType\":\"Appointment\",\"id\":\"" + UUID.randomUUID() + "\","))
                .put("/fhir/Appointment/" + UUID.randomUUID()).then().statusCode(400);
        api().delete("/fhir/Appointment/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static void expect(int status, String code, String body) {
        expect(status, equalTo(code), body);
    }

    private static void expect(int status, org.hamcrest.Matcher<?> code, String body) {
        api().body(body).post("/fhir/Appointment").then()
                .statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", code);
    }

    private static List<Long> commandEndOffsets() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.BOOKING_COMMANDS, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            return partitions.stream().map(p -> consumer.endOffsets(List.of(p)).get(p)).toList();
        }
    }
}
