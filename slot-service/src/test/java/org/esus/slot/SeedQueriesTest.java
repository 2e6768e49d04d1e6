package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed's polling queries (CONTRACT section 3), exactly as written, over several
 * practitioners, statuses and dates: the right slots, in start order, the right counts.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedQueriesTest {

    private static final Instant DAY = Instant.parse("2026-04-20T08:00:00Z");
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final List<Created> aliceFree = new ArrayList<>();

    private record Created(String id, Instant start) {
    }

    private static String base() {
        return "http://localhost:" + io.restassured.RestAssured.port + "/fhir/";
    }

    // @BeforeEach, not @BeforeAll: RestAssured points at the test port only once a test runs.
    @BeforeEach
    void publishSlotsOnce() {
        if (!aliceFree.isEmpty()) {
            return;
        }
        String aliceMorning = Fixtures.createSchedule("Practitioner/" + alice, "Location/" + UUID.randomUUID());
        String aliceAfternoon = Fixtures.createSchedule("Practitioner/" + alice);
        String bobs = Fixtures.createSchedule("Practitioner/" + bob);
        String[] statuses = {"free", "busy", "free", "busy-unavailable", "free", "busy-tentative"};
        for (int day = 0; day < 4; day++) {
            for (int i = 0; i < 6; i++) {
                // Created out of start order on purpose: the answer must be sorted, not in insertion order.
                Instant start = DAY.plus(Duration.ofDays(3 - day)).plus(Duration.ofMinutes(30L * i));
                String schedule = i % 2 == 0 ? aliceMorning : aliceAfternoon;
                String id = Fixtures.createSlot(schedule, statuses[i], start);
                if (statuses[i].equals("free")) {
                    aliceFree.add(new Created(id, start));
                }
                Fixtures.createSlot(bobs, "free", start.plusSeconds(60));
            }
        }
        aliceFree.sort(Comparator.comparing(Created::start).thenComparing(Created::id));
    }

    @Test
    void nextTenFreeSlotsOfAPractitionerInStartOrder() {
        JsonPath bundle = api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice + "&_count=10&_sort=start")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("entry", hasSize(10))
                .body("entry.search.mode", everyItem(equalTo("match")))
                .body("entry.resource.status", everyItem(equalTo("free")))
                .extract().jsonPath();
        assertEquals(base() + "Slot?status=free&schedule.actor=Practitioner/" + alice + "&_count=10&_sort=start",
                URLDecoder.decode(bundle.getString("link.find { it.relation == 'self' }.url"), StandardCharsets.UTF_8));
        List<String> expected = aliceFree.subList(0, 10).stream().map(Created::id).toList();
        assertEquals(expected, bundle.getList("entry.resource.id"));
        assertEquals(expected.stream().map(id -> base() + "Slot/" + id).toList(),
                bundle.getList("entry.fullUrl"));
        assertEquals(true, bundle.getString("link.find { it.relation == 'next' }.url") != null,
                "12 free slots exist, so a next link must be offered");
    }

    @Test
    void nearestFreeSlotOnOrAfterADate() {
        Instant from = DAY.plus(Duration.ofDays(2));
        Created expected = aliceFree.stream().filter(c -> !c.start().isBefore(from)).findFirst().orElseThrow();
        api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice + "&date=ge" + from + "&_count=1&_sort=start")
                .then().statusCode(200)
                .body("entry", hasSize(1))
                .body("entry[0].resource.id", equalTo(expected.id()))
                .body("entry[0].resource.start", equalTo(expected.start().toString()));
    }

    @Test
    void seedQueryAsWrittenWithMidnightBoundary() {
        api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice
                        + "&date=ge2026-04-21T00:00:00Z&_count=1&_sort=start")
                .then().statusCode(200)
                .body("entry", hasSize(1))
                .body("entry[0].resource.start", equalTo("2026-04-21T08:00:00Z"));
    }

    @Test
    void countsAndTotals() {
        api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice + "&_count=0")
                .then().statusCode(200).body("total", equalTo(12)).body("entry", nullValue());
        api().get("/fhir/Slot?schedule.actor=Practitioner/" + alice + "&_total=accurate&_count=5")
                .then().statusCode(200).body("total", equalTo(24)).body("entry", hasSize(5));
        api().get("/fhir/Slot?status=free,busy&schedule.actor=Practitioner/" + alice + "&_count=100")
                .then().statusCode(200).body("total", equalTo(16));
        api().get("/fhir/Slot?schedule.actor=Practitioner/" + bob + "&schedule.actor=Practitioner/" + alice)
                .then().statusCode(200).body("total", equalTo(0));
        api().get("/fhir/Slot?schedule.actor=Practitioner/" + bob + ",Practitioner/" + alice + "&_count=0")
                .then().statusCode(200).body("total", equalTo(48));
        api().get("/fhir/Slot?schedule.actor=" + bob + "&_count=0").then().statusCode(200).body("total", equalTo(24));
    }

    @Test
    void datePrefixesOnStart() {
        String practitioner = "&schedule.actor=Practitioner/" + alice + "&_count=0";
        api().get("/fhir/Slot?date=2026-04-21" + practitioner).then().body("total", equalTo(6));
        api().get("/fhir/Slot?start=eq2026-04-21" + practitioner).then().body("total", equalTo(6));
        api().get("/fhir/Slot?date=ne2026-04-21" + practitioner).then().body("total", equalTo(18));
        api().get("/fhir/Slot?date=gt2026-04-21" + practitioner).then().body("total", equalTo(12));
        api().get("/fhir/Slot?date=sa2026-04-21" + practitioner).then().body("total", equalTo(12));
        api().get("/fhir/Slot?date=lt2026-04-21" + practitioner).then().body("total", equalTo(6));
        api().get("/fhir/Slot?date=eb2026-04-21" + practitioner).then().body("total", equalTo(6));
        api().get("/fhir/Slot?date=le2026-04-21" + practitioner).then().body("total", equalTo(12));
        api().get("/fhir/Slot?date=ge2026-04-21T09:00:00Z&date=lt2026-04-22" + practitioner).then().body("total", equalTo(4));
        api().queryParam("date", "2026-04-21T08:30:00+00:00").get("/fhir/Slot?_count=0&schedule.actor=Practitioner/" + alice)
                .then().body("total", equalTo(1));
    }

    @Test
    void descendingSortIsStableAndIncludeAddsSchedules() {
        JsonPath bundle = api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice
                        + "&_sort=-start&_count=3&_include=Slot:schedule")
                .then().statusCode(200).extract().jsonPath();
        List<Created> reversed = new ArrayList<>(aliceFree);
        reversed.sort(Comparator.comparing(Created::start).thenComparing(Created::id).reversed());
        assertEquals(reversed.subList(0, 3).stream().map(Created::id).toList(),
                bundle.getList("entry.findAll { it.search.mode == 'match' }.resource.id"));
        List<String> included = bundle.getList("entry.findAll { it.search.mode == 'include' }.resource.resourceType");
        assertEquals(true, !included.isEmpty() && included.stream().allMatch("Schedule"::equals), included.toString());
    }

    @Test
    void unknownParametersAreReportedOrRejectedWhenStrict() {
        api().get("/fhir/Slot?status=free&schedule.actor=Practitioner/" + alice + "&colour=blue&_count=1")
                .then().statusCode(200)
                .body("entry.find { it.search.mode == 'outcome' }.resource.resourceType", equalTo("OperationOutcome"))
                .body("entry.findAll { it.search.mode == 'match' }", hasSize(1));
        api().header("Prefer", "handling=strict").get("/fhir/Slot?status=free&colour=blue")
                .then().statusCode(400).body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("colour"));
    }

    @Test
    void scheduleSearchByActor() {
        api().get("/fhir/Schedule?actor=Practitioner/" + alice).then().statusCode(200)
                .body("total", equalTo(2))
                .body("entry.resource.actor.reference.flatten()", org.hamcrest.Matchers.hasItem("Practitioner/" + alice));
        api().get("/fhir/Slot?schedule.actor=Practitioner/" + bob + "&_count=2&_sort=start").then()
                .body("entry.resource.start", contains(DAY.plusSeconds(60).toString(), DAY.plusSeconds(60 + 1800).toString()));
    }
}
