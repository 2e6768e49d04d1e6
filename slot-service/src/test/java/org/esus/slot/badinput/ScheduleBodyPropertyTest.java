package org.esus.slot.badinput;

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

/** As {@link SlotBodyPropertyTest}, for Schedule bodies on POST and PUT. */
@QuarkusTest
class ScheduleBodyPropertyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedScheduleBodiesAreStoredOrRefusedWithAnOutcome() {
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named("POST /fhir/Schedule bodies", 200).checkRequests(
                JsonMutants.of(SlotServiceBodies.schedule(UUID.randomUUID().toString(), null)),
                body -> client.send("POST", "/fhir/Schedule", body), SlotServiceBodies.stored(dataSource)::read), "201", "400");
    }

    @Test
    void putScheduleBodiesAreStoredOrRefusedWithAnOutcome() {
        String practitioner = UUID.randomUUID().toString();
        String id = Fixtures.createSchedule("Practitioner/" + practitioner);
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named("PUT /fhir/Schedule/{id} bodies", 200).checkRequests(
                JsonMutants.of(SlotServiceBodies.schedule(practitioner, id)),
                body -> client.send("PUT", "/fhir/Schedule/" + id, body), SlotServiceBodies.stored(dataSource)::read), "200", "400");
    }
}
