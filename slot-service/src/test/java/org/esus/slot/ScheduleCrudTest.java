package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Schedule interactions of CONTRACT section 3: versions, If-Match, delete rules, search. */
@QuarkusTest
class ScheduleCrudTest {

    @Test
    void updateVersionsTheScheduleAndNormalizesActorReferences() {
        String practitioner = UUID.randomUUID().toString();
        String id = Fixtures.createSchedule("Practitioner/" + practitioner);
        String update = "{\"resourceType\":\"Schedule\",\"id\":\"" + id + "\",\"actor\":[{\"reference\":"
                + "\"https://elsewhere.example/fhir/Practitioner/" + practitioner + "\"}],"
                + "\"identifier\":[{\"system\":\"urn:esus:rota\",\"value\":\"R-7\"}]}";
        api().header("If-Match", "W/\"1\"").body(update).put("/fhir/Schedule/" + id).then().statusCode(200)
                .header("ETag", "W/\"2\"")
                .body("actor[0].reference", equalTo("Practitioner/" + practitioner));
        api().header("If-Match", "W/\"1\"").body(update).put("/fhir/Schedule/" + id).then().statusCode(412);
        api().get("/fhir/Schedule?identifier=urn:esus:rota|R-7").then().statusCode(200)
                .body("entry.resource.id", hasItem(id));
        api().get("/fhir/Schedule?actor=Practitioner/" + practitioner + "&_id=" + id).then().body("total", equalTo(1));
    }

    @Test
    void aScheduleWithoutSlotsCanBeDeletedAndThenAnswersGone() {
        String id = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String slot = Fixtures.createSlot(id, "free", Instant.parse("2026-12-09T09:00:00Z"));
        api().delete("/fhir/Schedule/" + id).then().statusCode(409);
        api().delete("/fhir/Slot/" + slot).then().statusCode(200);
        api().delete("/fhir/Schedule/" + id).then().statusCode(200);
        api().get("/fhir/Schedule/" + id).then().statusCode(410).body("issue[0].code", equalTo("deleted"));
        api().delete("/fhir/Schedule/" + id).then().statusCode(200);
        api().body(Fixtures.slot(id, "free", Instant.parse("2026-12-09T10:00:00Z"), 15)).post("/fhir/Slot")
                .then().statusCode(422);
    }
}
