package org.esus.slot;

import static io.restassured.RestAssured.given;
import static org.esus.slot.Fixtures.api;
import static org.esus.slot.Fixtures.createSchedule;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/** CONTRACT section 1: every client mistake is an OperationOutcome with the right status, never a 500. */
@QuarkusTest
class ErrorResponsesTest {

    private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void malformedJsonIsAStructureError() {
        outcome(api().body("{\"resourceType\":\"Slot\",").post("/fhir/Slot"), 400)
                .body("issue[0].code", oneOf("structure", "invalid"));
        outcome(api().body("not json at all").post("/fhir/Slot"), 400);
        outcome(api().body("").post("/fhir/Slot"), 400);
    }

    @Test
    void wrongResourceTypeIsInvalid() {
        outcome(api().body("{\"resourceType\":\"Patient\",\"active\":true}").post("/fhir/Slot"), 400)
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString("Slot"));
    }

    @Test
    void unknownElementAndInvalidValuesAreRejected() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String base = Fixtures.slot(schedule, "free", START, 15);
        outcome(api().body(base.replace("\"overbooked\":false", "\"overbooked\":false,\"colour\":\"red\"")).post("/fhir/Slot"), 400);
        outcome(api().body(base.replace("\"status\":\"free\"", "\"status\":\"sometimes\"")).post("/fhir/Slot"), 400);
        outcome(api().body(base.replace(START.toString(), "2026-13-45T99:00:00Z")).post("/fhir/Slot"), 400);
        outcome(api().body(base.replace("\"status\":\"free\",", "")).post("/fhir/Slot"), 400);
        outcome(api().body(base.replace("\"overbooked\":false", "\"overbooked\":false,\"identifier\":[{\"system\":\"urn:has space\",\"value\":\"1\"}]"))
                .post("/fhir/Slot"), 400).body("issue[0].diagnostics", containsString("system"));
        // Longer than PostgreSQL indexes take; random text, which the database cannot compress below its limit.
        String longValue = new java.util.Random(7).ints(3000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        outcome(api().body(base.replace("\"overbooked\":false", "\"overbooked\":false,\"identifier\":[{\"value\":\"" + longValue + "\"}]"))
                .post("/fhir/Slot"), 400).body("issue[0].diagnostics", containsString("identifier"));
        outcome(api().body(base.replace("\"status\":\"free\"", "\"status\":\"free\",\"comment\":\"a\\u0000b\"")).post("/fhir/Slot"), 400)
                .body("issue[0].code", equalTo("value"));
        String endBeforeStart = Fixtures.slot(schedule, "free", START, -15);
        outcome(api().body(endBeforeStart).post("/fhir/Slot"), 400).body("issue[0].code", equalTo("value"));
        Fixtures.get("/fhir/Slot?schedule=Schedule/" + schedule).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badSearchValuesAreRejectedNamingTheParameter() {
        outcome(api().get("/fhir/Slot?date=ge2026-02-30"), 400).body("issue[0].diagnostics", containsString("date"));
        outcome(api().get("/fhir/Slot?start=tomorrow"), 400).body("issue[0].diagnostics", containsString("start"));
        outcome(api().get("/fhir/Slot?status=maybe"), 400);
        outcome(api().get("/fhir/Slot?_count=ten"), 400);
        outcome(api().get("/fhir/Slot?_sort=colour"), 400);
        outcome(api().get("/fhir/Slot?_cursor=bm9wZQ"), 400);
        outcome(api().urlEncodingEnabled(false).get("/fhir/Slot?identifier=urn:x%7Ca%00b"), 400)
                .body("issue[0].diagnostics", containsString("identifier"));
        outcome(api().urlEncodingEnabled(false).get("/fhir/Schedule?identifier=%00"), 400);
        outcome(api().get("/fhir/Slot/" + UUID.randomUUID() + "/_history/1"), 404);
    }

    @Test
    void unknownIdsAreNotFound() {
        outcome(api().get("/fhir/Schedule/" + UUID.randomUUID()), 404).body("issue[0].code", equalTo("not-found"));
        outcome(api().delete("/fhir/Slot/" + UUID.randomUUID()), 404);
        outcome(api().get("/fhir/Nothing/here"), 404);
    }

    @Test
    void oversizeBodiesAreTooCostly() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String padding = "x".repeat(1024 * 1024 + 10);
        String big = Fixtures.slot(schedule, "free", START, 15).replace("\"overbooked\":false",
                "\"overbooked\":false,\"comment\":\"" + padding + "\"");
        outcome(api().body(big).post("/fhir/Slot"), 413).body("issue[0].code", equalTo("too-costly"));
        Fixtures.get("/fhir/Slot?schedule=" + schedule).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void xmlAndFormDataAreUnsupportedMediaTypes() {
        outcome(given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .contentType("application/fhir+xml").body("<Slot xmlns=\"http://hl7.org/fhir\"/>").post("/fhir/Slot"), 415)
                .body("issue[0].code", equalTo("not-supported"));
        outcome(given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .contentType("application/x-www-form-urlencoded").formParam("status", "free").post("/fhir/Slot"), 415);
        outcome(api().get("/fhir/Slot?_format=xml"), 415);
        api().get("/fhir/Slot?_format=json").then().statusCode(200);
    }

    @Test
    void updateWithMismatchedIdIsInvalid() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String id = Fixtures.createSlot(schedule, "free", START);
        String body = Fixtures.slot(schedule, "busy", START, 15).replace("{\"resourceType\":\"Slot\",",
                "{\"resourceType\":\"Slot\",\"id\":\"" + UUID.randomUUID() + "\",");
        outcome(api().body(body).put("/fhir/Slot/" + id), 400);
        api().get("/fhir/Slot/" + id).then().body("status", equalTo("free"));
    }

    @Test
    void scheduleWithoutActorsOrWithLiveSlotsIsRefused() {
        outcome(api().body("{\"resourceType\":\"Schedule\",\"active\":true}").post("/fhir/Schedule"), 400);
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        Fixtures.createSlot(schedule, "free", START);
        outcome(api().delete("/fhir/Schedule/" + schedule), 409).body("issue[0].code", equalTo("conflict"));
    }

    private static ValidatableResponse outcome(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status)
                .header("Content-Type", containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", not(containsString("Exception")))
                .body("issue[0].diagnostics", not(containsString("\tat ")));
    }
}
