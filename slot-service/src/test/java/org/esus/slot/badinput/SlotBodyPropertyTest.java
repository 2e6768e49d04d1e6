package org.esus.slot.badinput;

import static org.esus.slot.badinput.SlotServiceBodies.START;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.UUID;
import org.esus.slot.Fixtures;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.JsonMutants;
import org.esus.testsupport.badinput.PropertyRun;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT section 1 for Slot bodies: mutants of a valid Slot (see {@link JsonMutants}) sent to
 * POST and PUT never get a 5xx; a refusal is an OperationOutcome and stores and publishes
 * nothing. A mutant that stayed valid may be stored; that is counted, not judged.
 */
@QuarkusTest
class SlotBodyPropertyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedSlotBodiesAreStoredOrRefusedWithAnOutcome() {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named("POST /fhir/Slot bodies", 300).checkRequests(
                JsonMutants.of(SlotServiceBodies.slot(schedule, null)),
                body -> client.send("POST", "/fhir/Slot", body), SlotServiceBodies.stored(dataSource)::read), "201", "400");
    }

    @Test
    void putSlotBodiesAreStoredOrRefusedWithAnOutcome() {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String id = Fixtures.createSlot(schedule, "free", START);
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named("PUT /fhir/Slot/{id} bodies", 300).checkRequests(
                JsonMutants.of(SlotServiceBodies.slot(schedule, id)),
                body -> client.send("PUT", "/fhir/Slot/" + id, body), SlotServiceBodies.stored(dataSource)::read), "200", "400");
    }
}
