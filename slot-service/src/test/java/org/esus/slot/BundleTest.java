package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.testsupport.SlotEventsReader;
import org.junit.jupiter.api.Test;

/** POST /fhir: bulk creation. A transaction is all or nothing; a batch reports each entry. */
@QuarkusTest
class BundleTest {

    private static final Instant START = Instant.parse("2026-10-05T08:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void transactionCreatesAScheduleAndItsSlotsThroughPlaceholders() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String placeholder = "urn:uuid:" + UUID.randomUUID();
        StringBuilder entries = new StringBuilder(entry(placeholder, Fixtures.schedule(practitioner), "Schedule"));
        for (int i = 0; i < 50; i++) {
            String slot = Fixtures.slot("PLACEHOLDER", "free", START.plus(Duration.ofMinutes(20L * i)), 20)
                    .replace("Schedule/PLACEHOLDER", placeholder);
            entries.append(',').append(entry("urn:uuid:" + UUID.randomUUID(), slot, "Slot"));
        }
        api().body(bundle("transaction", entries.toString())).post("/fhir").then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry", hasSize(51))
                .body("entry.response.status", everyItem(equalTo("201 Created")))
                .body("entry[0].response.location", startsWith("Schedule/"))
                .body("entry[1].response.location", startsWith("Slot/"));

        api().get("/fhir/Slot?schedule.actor=" + practitioner + "&_count=0").then().body("total", equalTo(50));
        String slotId = api().get("/fhir/Slot?schedule.actor=" + practitioner + "&_count=1&_sort=start")
                .then().extract().path("entry[0].resource.id");
        try (SlotEventsReader reader = new SlotEventsReader(bootstrapServers)) {
            assertEquals(1, reader.eventsOf(slotId, 1, Duration.ofSeconds(20)).size(), "bulk-created slots are published too");
        }
    }

    @Test
    void transactionWithOneBadEntryStoresNothing() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String schedule = Fixtures.createSchedule(practitioner);
        String good = entry("urn:uuid:" + UUID.randomUUID(), Fixtures.slot(schedule, "free", START, 15), "Slot");
        String orphan = entry("urn:uuid:" + UUID.randomUUID(),
                Fixtures.slot(UUID.randomUUID().toString(), "free", START, 15), "Slot");
        api().body(bundle("transaction", good + "," + orphan)).post("/fhir").then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("Bundle.entry[1]"));
        api().get("/fhir/Slot?schedule=" + schedule + "&_count=0").then().body("total", equalTo(0));
    }

    @Test
    void batchReportsEachEntryOnItsOwn() {
        String schedule = Fixtures.createSchedule("Practitioner/" + UUID.randomUUID());
        String good = entry(null, Fixtures.slot(schedule, "free", START, 15), "Slot");
        String bad = entry(null, Fixtures.slot(schedule, "free", START, -15), "Slot");
        api().body(bundle("batch", good + "," + bad)).post("/fhir").then().statusCode(200)
                .body("type", equalTo("batch-response"))
                .body("entry[0].response.status", equalTo("201 Created"))
                .body("entry[1].response.status", startsWith("400"))
                .body("entry[1].response.outcome.resourceType", equalTo("OperationOutcome"));
        api().get("/fhir/Slot?schedule=" + schedule + "&_count=0").then().body("total", equalTo(1));
    }

    @Test
    void otherBundleTypesAndResourcesAreRejected() {
        api().body(bundle("collection", "")).post("/fhir").then().statusCode(400);
        String patient = entry(null, "{\"resourceType\":\"Patient\"}", "Patient");
        api().body(bundle("transaction", patient)).post("/fhir").then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    private static String entry(String fullUrl, String resource, String type) {
        return "{" + (fullUrl == null ? "" : "\"fullUrl\":\"" + fullUrl + "\",") + "\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }

    private static String bundle(String type, String entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\"" + (entries.isEmpty() ? "" : ",\"entry\":[" + entries + "]") + "}";
    }
}
