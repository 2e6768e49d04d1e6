package org.esus.booking.badinput;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.esus.booking.Fixtures;
import org.esus.common.events.Topics;
import org.esus.testsupport.badinput.EndOffsets;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.JsonMutants;
import org.esus.testsupport.badinput.JsonMutants.Mutant;
import org.esus.testsupport.badinput.PropertyRun;
import org.esus.testsupport.badinput.RawHttp.Reply;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT sections 1 and 4 for Appointment bodies: mutants of a valid booking (see
 * {@link JsonMutants}) sent to POST and PUT never get a 5xx; a refusal is an OperationOutcome,
 * stores nothing and publishes no command unless the claim store decided it. A mutant that
 * stayed valid books (or, with the same identifier, finds the first booking), or updates.
 */
@QuarkusTest
class AppointmentBodyPropertyTest {

    @Inject
    KafkaStreams streams;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedAppointmentBodiesBookOrAreRefusedWithAnOutcome() {
        String slot = Fixtures.freeSlot(streams);
        String body = AppointmentBodies.appointment(slot, null, UUID.randomUUID().toString());
        try (EndOffsets commands = new EndOffsets(Topics.BOOKING_COMMANDS)) {
            PropertyRun.assertReached(PropertyRun.named("POST /fhir/Appointment bodies", 250).checkRequests(JsonMutants.of(body),
                    sending("POST", "/fhir/Appointment", commands), AppointmentBodies.stored(dataSource)::read), "2", "400");
        }
    }

    @Test
    void putAppointmentBodiesUpdateOrAreRefusedWithAnOutcome() {
        String slot = Fixtures.freeSlot(streams);
        String identifier = UUID.randomUUID().toString();
        String id = Fixtures.api().body(AppointmentBodies.appointment(slot, null, identifier)).post("/fhir/Appointment")
                .then().statusCode(201).extract().path("id");
        try (EndOffsets commands = new EndOffsets(Topics.BOOKING_COMMANDS)) {
            PropertyRun.assertReached(PropertyRun.named("PUT /fhir/Appointment/{id} bodies", 250).checkRequests(
                    JsonMutants.of(AppointmentBodies.appointment(slot, id, identifier)),
                    sending("PUT", "/fhir/Appointment/" + id, commands), AppointmentBodies.stored(dataSource)::read), "2", "400");
        }
    }

    private static Function<Mutant, Reply> sending(String method, String path, EndOffsets commands) {
        FhirClient client = new FhirClient(RestAssured.port);
        return mutant -> {
            List<Long> before = commands.read();
            Reply reply = client.send(method, path, mutant);
            AppointmentBodies.assertNoCommandUnlessClaimDecided(reply, before, commands);
            return reply;
        };
    }
}
