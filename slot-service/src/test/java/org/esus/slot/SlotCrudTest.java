package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.esus.slot.Fixtures.createSchedule;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SlotCrudTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Instant START = Instant.parse("2026-05-04T09:00:00Z");

    @Test
    void createdSlotIsReadableWithVersionEtagAndServerAssignedId() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String id = api().body(Fixtures.slot(schedule, "free", START, 15))
                .post("/fhir/Slot")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/fhir/Slot/" + UUID_PATTERN + "/_history/1"))
                .header("ETag", "W/\"1\"")
                .header("Content-Type", containsString("application/fhir+json"))
                .body("id", matchesPattern(UUID_PATTERN))
                .body("meta.versionId", equalTo("1"))
                .body("meta.lastUpdated", notNullValue())
                .body("schedule.reference", equalTo("Schedule/" + schedule))
                .extract().path("id");

        api().get("/fhir/Slot/" + id).then().statusCode(200)
                .header("ETag", "W/\"1\"")
                .body("status", equalTo("free"))
                .body("start", equalTo("2026-05-04T09:00:00Z"));
    }

    @Test
    void updateBumpsVersionAndHonoursIfMatch() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String id = Fixtures.createSlot(schedule, "free", START);
        String updated = Fixtures.slot(schedule, "busy", START, 15).replace("{\"resourceType\":\"Slot\",",
                "{\"resourceType\":\"Slot\",\"id\":\"" + id + "\",");

        api().header("If-Match", "W/\"1\"").body(updated).put("/fhir/Slot/" + id)
                .then().statusCode(200).header("ETag", "W/\"2\"").body("meta.versionId", equalTo("2"))
                .body("status", equalTo("busy"));

        api().header("If-Match", "W/\"1\"").body(updated).put("/fhir/Slot/" + id)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("conflict"));

        api().get("/fhir/Slot/" + id).then().statusCode(200).body("meta.versionId", equalTo("2"));
    }

    @Test
    void deletedSlotAnswersGoneAndUnknownSlotNotFound() {
        String schedule = createSchedule("Practitioner/" + UUID.randomUUID());
        String id = Fixtures.createSlot(schedule, "free", START);

        api().delete("/fhir/Slot/" + id).then().statusCode(200);
        api().get("/fhir/Slot/" + id).then().statusCode(410).body("issue[0].code", equalTo("deleted"));
        api().get("/fhir/Slot/" + UUID.randomUUID()).then().statusCode(404).body("issue[0].code", equalTo("not-found"));
        api().get("/fhir/Slot/not-a-uuid").then().statusCode(404).body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void slotOfUnknownScheduleIsABusinessRuleViolation() {
        api().body(Fixtures.slot(UUID.randomUUID().toString(), "free", START, 15)).post("/fhir/Slot")
                .then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("business-rule"));
    }
}
