package org.esus.subscription.badinput;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.UUID;
import org.esus.subscription.Fixtures;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.JsonMutants;
import org.esus.testsupport.badinput.PropertyRun;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT sections 1 and 5 for Subscription bodies: mutants of a valid Subscription of either
 * kind (see {@link JsonMutants}) sent to POST and PUT never get a 5xx; a refusal is an
 * OperationOutcome and stores and publishes nothing (no row, no outbox record for esus.subscriptions).
 */
@QuarkusTest
class SubscriptionBodyPropertyTest {

    private static final String CRITERIA = "Slot?schedule.actor=Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789&status=free";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedSubscriptionBodiesAreStoredOrRefusedWithAnOutcome() {
        String endpoint = "https://hooks.example.org/body-" + UUID.randomUUID();
        postMutantsOf("POST /fhir/Subscription bodies", SubscriptionBodies.subscription(CRITERIA, endpoint, null));
    }

    @Test
    void postedTopicSubscriptionBodiesAreStoredOrRefusedWithAnOutcome() {
        String endpoint = "https://hooks.example.org/topic-body-" + UUID.randomUUID();
        postMutantsOf("POST /fhir/Subscription Backport IG bodies", Fixtures.topicSubscription(endpoint));
    }

    @Test
    void putSubscriptionBodiesAreStoredOrRefusedWithAnOutcome() {
        String endpoint = "https://hooks.example.org/body-" + UUID.randomUUID();
        String id = Fixtures.create(SubscriptionBodies.subscription(CRITERIA, endpoint, null));
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named("PUT /fhir/Subscription/{id} bodies", 300).checkRequests(
                JsonMutants.of(SubscriptionBodies.subscription(CRITERIA, endpoint, id)),
                body -> client.send("PUT", "/fhir/Subscription/" + id, body), SubscriptionBodies.stored(dataSource)::read), "2", "400");
    }

    private void postMutantsOf(String name, String valid) {
        FhirClient client = new FhirClient(RestAssured.port);
        PropertyRun.assertReached(PropertyRun.named(name, 300).checkRequests(JsonMutants.of(valid),
                body -> client.send("POST", "/fhir/Subscription", body), SubscriptionBodies.stored(dataSource)::read), "2", "400");
    }
}
