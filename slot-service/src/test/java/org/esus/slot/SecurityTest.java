package org.esus.slot;

import static io.restassured.RestAssured.given;
import static org.esus.slot.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.esus.slot.api.MetadataResource;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/** CONTRACT section 2: bearer JWT on every call but discovery; SMART system scopes per interaction. */
@QuarkusTest
class SecurityTest {

    @Test
    void missingOrInvalidTokensAreUnauthorizedWithBearerChallenge() {
        for (String header : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer not.a.jwt",
                "Bearer " + TestTokens.expired(), "Bearer " + TestTokens.wrongIssuer(),
                "Bearer " + TestTokens.signedByAnotherKey(), "Bearer " + TestTokens.notYetValid()}) {
            var request = given();
            if (header != null) {
                request.header("Authorization", header);
            }
            request.get("/fhir/Slot").then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].code", equalTo("login"));
        }
    }

    @Test
    void readScopeCannotWrite() {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String slot = Fixtures.slot(schedule, "free", Instant.parse("2026-07-01T10:00:00Z"), 30);
        api("system/Slot.rs").body(slot).post("/fhir/Slot").then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"));
        api("system/Slot.rs").get("/fhir/Slot?schedule=" + schedule).then().statusCode(200).body("total", equalTo(0));
        api("system/Slot.rs").get("/fhir/Schedule/" + schedule).then().statusCode(403);
    }

    @Test
    void v1AndV2ScopesGrantWhatTheySay() {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String slot = Fixtures.slot(schedule, "free", Instant.parse("2026-07-02T10:00:00Z"), 30);
        String id = api("system/Slot.write").body(slot).post("/fhir/Slot").then().statusCode(201).extract().path("id");
        api("system/Slot.write").get("/fhir/Slot/" + id).then().statusCode(403);
        api("system/Slot.read").get("/fhir/Slot/" + id).then().statusCode(200);
        api("system/Slot.cud").delete("/fhir/Slot/" + id).then().statusCode(200);
        api("system/Schedule.*").get("/fhir/Schedule/" + schedule).then().statusCode(200);
        api("patient/Slot.rs user/Slot.rs").get("/fhir/Slot").then().statusCode(403);
    }

    @Test
    void bundleEntriesAreCheckedAgainstScopes() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:"
                + UUID.randomUUID() + "\",\"resource\":" + Fixtures.schedule("Practitioner/" + UUID.randomUUID())
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Schedule\"}}]}";
        api("system/Slot.cud").body(bundle).post("/fhir").then().statusCode(403);
        api("system/Schedule.c").body(bundle).post("/fhir").then().statusCode(200);
    }

    @Test
    void discoveryIsOpen() {
        given().get("/fhir/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("rest[0].resource.type", hasItem("Slot"))
                .body("rest[0].resource.find { it.type == 'Slot' }.searchParam.name", hasItem("schedule.actor"))
                .body("rest[0].resource.find { it.type == 'Slot' }.searchParam.name", hasItem("date"))
                .body("rest[0].resource.find { it.type == 'Appointment' }.conditionalCreate", equalTo(true))
                .body("rest[0].resource.find { it.type == 'Appointment' }.searchParam.name", hasItem("patient"))
                .body("rest[0].resource.find { it.type == 'Subscription' }.searchParam.name", hasItems("status", "url"))
                .body("rest[0].resource.find { it.type == 'Subscription' }.extension.find { it.url == '"
                        + MetadataResource.CHANNEL_TYPE + "' }.valueCode", equalTo("rest-hook"));
        given().get("/fhir/.well-known/smart-configuration").then().statusCode(200)
                .body("capabilities", hasItem("permission-v2"));
    }
}
