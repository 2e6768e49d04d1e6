package org.esus.booking;

import static io.restassured.RestAssured.given;
import static org.esus.booking.Fixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * GET /fhir/Appointment as a client sees it (CONTRACT section 4): every parameter alone and
 * combined, the orders of {@code _sort}, next links walked to the end, {@code _count=0},
 * cancelled and deleted appointments, and the 400s. Appointments are booked through the real
 * API; each test uses patients and practitioners of its own, so tests never see each other's data.
 */
@QuarkusTest
class AppointmentSearchTest extends WithSlotFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void patientPractitionerAndActorFindTheAppointmentsTheyTakePartIn() {
        String patient = unique("pat");
        String other = unique("pat");
        String doctor = unique("doc");
        String nurse = unique("doc");
        String withDoctor = book(at("2027-01-10T09:00:00Z"), List.of("Patient/" + patient, "Practitioner/" + doctor));
        String withNurse = book(at("2027-01-11T09:00:00Z"), List.of("Patient/" + patient, "Practitioner/" + nurse));
        String otherWithDoctor = book(at("2027-01-12T09:00:00Z"), List.of("Patient/" + other, "Practitioner/" + doctor));

        Set<String> patientsOwn = Set.of(withDoctor, withNurse);
        assertEquals(patientsOwn, matchSet("patient", patient));
        assertEquals(patientsOwn, matchSet("patient", "Patient/" + patient));
        assertEquals(patientsOwn, matchSet("patient", "https://elsewhere.example/fhir/Patient/" + patient));
        assertEquals(Set.of(withDoctor, otherWithDoctor), matchSet("practitioner", doctor));
        assertEquals(Set.of(withDoctor, otherWithDoctor), matchSet("practitioner", "Practitioner/" + doctor));

        assertEquals(patientsOwn, matchSet("actor", "Patient/" + patient));
        assertEquals(patientsOwn, matchSet("actor", patient), "a bare actor id matches any participant type");
        assertEquals(Set.of(withDoctor, otherWithDoctor), matchSet("actor", "Practitioner/" + doctor));
        assertEquals(Set.of(withDoctor, otherWithDoctor), matchSet("actor", doctor));
        assertEquals(Set.of(), matchSet("actor", "Practitioner/" + patient), "the type of a typed actor counts");
        assertEquals(Set.of(), matchSet("patient", unique("nobody")));

        // comma = OR inside one parameter, every parameter and repetition = AND
        assertEquals(Set.of(withDoctor, withNurse, otherWithDoctor), matchSet("patient", patient + "," + other));
        assertEquals(Set.of(withDoctor), matchSet("patient", patient, "practitioner", doctor));
        assertEquals(Set.of(withNurse), matchSet("actor", "Patient/" + patient, "actor", "Practitioner/" + nurse));
        assertEquals(Set.of(withDoctor, otherWithDoctor), matchSet("actor", doctor, "actor", "Patient/" + patient + ",Patient/" + other));
        assertEquals(Set.of(), matchSet("patient", other, "practitioner", nurse));
    }

    @Test
    void slotFindsTheAppointmentsHoldingIt() {
        String patient = unique("pat");
        String first = freeSlot();
        String second = freeSlot();
        String third = freeSlot();
        String pair = book(null, List.of("Patient/" + patient), first, second);
        String single = book(null, List.of("Patient/" + patient), third);

        assertEquals(Set.of(pair), matchSet("slot", first));
        assertEquals(Set.of(pair), matchSet("slot", "Slot/" + second));
        assertEquals(Set.of(single), matchSet("slot", "http://localhost/fhir/Slot/" + third));
        assertEquals(Set.of(pair, single), matchSet("slot", first + "," + third));
        assertEquals(Set.of(pair), matchSet("slot", first, "slot", second), "both slots belong to the pair");
        assertEquals(Set.of(), matchSet("slot", first, "slot", third));
        assertEquals(Set.of(single), matchSet("slot", third, "patient", patient));
        assertEquals(Set.of(), matchSet("slot", third, "patient", unique("pat")));
        assertEquals(Set.of(), matchSet("slot", UUID.randomUUID().toString()));
    }

    @Test
    void cancelledAppointmentsAreFoundByTheirStatusAndDeletedOnesNever() {
        String patient = unique("pat");
        List<String> actors = List.of("Patient/" + patient);
        String booked = book(null, actors);
        String cancelledSlot = freeSlot();
        String cancelled = book(null, actors, cancelledSlot);
        String deletedSlot = freeSlot();
        String deleted = book(null, actors, deletedSlot);

        JsonNode stored = read(cancelled);
        ((ObjectNode) stored).put("status", "cancelled");
        api().body(stored.toString()).put("/fhir/Appointment/" + cancelled).then().statusCode(200);
        api().delete("/fhir/Appointment/" + deleted).then().statusCode(200);

        assertEquals(Set.of(booked, cancelled), matchSet("patient", patient));
        assertEquals(Set.of(booked), matchSet("patient", patient, "status", "booked"));
        assertEquals(Set.of(cancelled), matchSet("patient", patient, "status", "cancelled"));
        assertEquals(Set.of(booked, cancelled), matchSet("patient", patient, "status", "booked,cancelled"));
        assertEquals(Set.of(cancelled), matchSet("patient", patient, "status", "http://hl7.org/fhir/appointmentstatus|cancelled"));
        assertEquals(Set.of(booked, cancelled), matchSet("patient", patient, "status", "http://hl7.org/fhir/appointmentstatus|"));
        assertEquals(Set.of(), matchSet("patient", patient, "status", "urn:other:system|booked"));
        assertEquals(Set.of(), matchSet("patient", patient, "status", "booked", "status", "cancelled"));
        assertEquals(Set.of(), matchSet("patient", patient, "status", "noshow"));

        assertEquals(Set.of(cancelled), matchSet("slot", cancelledSlot));
        assertEquals(Set.of(), matchSet("slot", deletedSlot), "a deleted appointment is gone for search too");
        assertEquals(Set.of(), matchSet("slot", deletedSlot, "status", "cancelled"));

        // the stored resource is served as a read returns it
        JsonNode entry = search("patient", patient, "status", "cancelled").path("entry").get(0);
        assertEquals(read(cancelled), entry.path("resource"));
        assertEquals("cancelled", entry.path("resource").path("status").asText());
    }

    @Test
    void dateTakesEveryPrefixAtEveryPrecision() {
        String doctor = unique("doc");
        List<String> actors = List.of("Practitioner/" + doctor, "Patient/" + unique("pat"));
        String early = book(at("2027-03-01T08:00:00Z"), actors);
        String late = book(at("2027-03-01T10:30:00Z"), actors);
        String nextDay = book(at("2027-03-02T09:00:00Z"), actors);
        String april = book(at("2027-04-15T12:00:00Z"), actors);
        String p = "practitioner";

        assertEquals(Set.of(early, late), matchSet(p, doctor, "date", "2027-03-01"));
        assertEquals(Set.of(early, late), matchSet(p, doctor, "date", "eq2027-03-01"));
        assertEquals(Set.of(early, late, nextDay), matchSet(p, doctor, "date", "2027-03"));
        assertEquals(Set.of(early, late, nextDay, april), matchSet(p, doctor, "date", "2027"));
        assertEquals(Set.of(), matchSet(p, doctor, "date", "2026"));
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "2027-03-01T10:30"));
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "2027-03-01T10:30:00Z"));
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "2027-03-01T10:30:00.000Z"));
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "2027-03-01T12:30:00+02:00"));
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "2027-03-01T05:30:00-05:00"));
        assertEquals(Set.of(), matchSet(p, doctor, "date", "2027-03-01T10:30:01Z"));

        assertEquals(Set.of(nextDay, april), matchSet(p, doctor, "date", "ne2027-03-01"));
        assertEquals(Set.of(nextDay, april), matchSet(p, doctor, "date", "gt2027-03-01"));
        assertEquals(Set.of(early, late, nextDay, april), matchSet(p, doctor, "date", "ge2027-03-01"));
        assertEquals(Set.of(early, late), matchSet(p, doctor, "date", "lt2027-03-02"));
        assertEquals(Set.of(early, late, nextDay), matchSet(p, doctor, "date", "le2027-03-02"));
        assertEquals(Set.of(nextDay, april), matchSet(p, doctor, "date", "sa2027-03-01T10:30"));
        assertEquals(Set.of(early), matchSet(p, doctor, "date", "eb2027-03-01T10:30"));
        assertEquals(Set.of(late, nextDay, april), matchSet(p, doctor, "date", "gt2027-03-01T08:00:00Z"));
        assertEquals(Set.of(early, late), matchSet(p, doctor, "date", "le2027-03-01T10:30:00Z"));
        assertEquals(Set.of(early), matchSet(p, doctor, "date", "lt2027-03-01T10:30:00Z"));
        assertEquals(Set.of(late, nextDay, april), matchSet(p, doctor, "date", "ge2027-03-01T10:30:00Z"));

        // repeated date parameters AND together; commas are alternatives
        assertEquals(Set.of(late), matchSet(p, doctor, "date", "ge2027-03-01T09:00", "date", "lt2027-03-02"));
        assertEquals(Set.of(early, april), matchSet(p, doctor, "date", "2027-03-01T08:00,2027-04"));
        assertEquals(Set.of(nextDay), matchSet(p, doctor, "date", "ge2027-03-02", "status", "booked", "date", "lt2027-04"));

        // an unencoded '+' arrives as a space; the offset still counts
        Response raw = given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES)).urlEncodingEnabled(false)
                .get("/fhir/Appointment?practitioner=" + doctor + "&date=2027-03-01T12:30:00+02:00");
        raw.then().statusCode(200);
        assertEquals(List.of(late), raw.path("entry.resource.id"));
    }

    @Test
    void sortOrdersByDateOrLastUpdatedAndBreaksTiesById() {
        String doctor = unique("doc");
        List<String> actors = List.of("Practitioner/" + doctor);
        // booked out of date order, so date order and booking (lastUpdated) order differ
        String third = book(at("2027-05-03T09:00:00Z"), actors);
        String first = book(at("2027-05-01T09:00:00Z"), actors);
        String secondA = book(at("2027-05-02T09:00:00Z"), actors);
        String secondB = book(at("2027-05-02T09:00:00Z"), actors);
        List<String> tie = sorted(List.of(secondA, secondB));
        List<String> bookingOrder = List.of(third, first, secondA, secondB);

        assertEquals(List.of(first, tie.get(0), tie.get(1), third), matchIds("practitioner", doctor, "_sort", "date"));
        assertEquals(List.of(third, tie.get(1), tie.get(0), first), matchIds("practitioner", doctor, "_sort", "-date"));
        assertEquals(bookingOrder, matchIds("practitioner", doctor, "_sort", "_lastUpdated"));
        assertEquals(reversed(bookingOrder), matchIds("practitioner", doctor, "_sort", "-_lastUpdated"));
        assertEquals(sorted(bookingOrder), matchIds("practitioner", doctor), "without _sort: id order, as for Slots");

        JsonNode newestFirst = search("practitioner", doctor, "_sort", "-_lastUpdated");
        Instant previous = Instant.MAX;
        for (JsonNode entry : newestFirst.path("entry")) {
            Instant lastUpdated = Instant.parse(entry.path("resource").path("meta").path("lastUpdated").asText());
            assertFalse(lastUpdated.isAfter(previous), "meta.lastUpdated descends");
            previous = lastUpdated;
        }
    }

    @Test
    void nextLinksWalkEveryOrderToTheEndWithoutGapsOrDuplicates() {
        String patient = unique("pat");
        List<String> actors = List.of("Patient/" + patient);
        List<String> all = new ArrayList<>();
        for (String start : List.of("2027-06-03T09:00:00Z", "2027-06-01T09:00:00Z", "2027-06-02T09:00:00Z",
                "2027-06-01T09:00:00Z", "2027-06-04T09:00:00Z", "2027-06-02T09:00:00Z")) {
            all.add(book(at(start), actors));
        }
        // two appointments lose their start (a client may PUT one without it): they sort last in both directions
        for (String id : List.of(all.get(4), all.get(5))) {
            ObjectNode changed = (ObjectNode) read(id);
            changed.remove("start");
            changed.remove("end");
            api().body(changed.toString()).put("/fhir/Appointment/" + id).then().statusCode(200);
        }

        for (String sort : List.of("", "date", "-date", "_lastUpdated", "-_lastUpdated")) {
            String[] query = sort.isEmpty() ? new String[] {"patient", patient} : new String[] {"patient", patient, "_sort", sort};
            List<String> expected = matchIds(query);
            assertEquals(Set.copyOf(all), Set.copyOf(expected), sort);
            for (int count : List.of(1, 2, 4)) {
                assertEquals(expected, walk(count, query), "_sort=" + sort + " _count=" + count);
            }
        }
        List<String> byDate = matchIds("patient", patient, "_sort", "date");
        assertEquals(Set.of(all.get(4), all.get(5)), Set.copyOf(byDate.subList(4, 6)), "no start: last by date");
        List<String> byDateDescending = matchIds("patient", patient, "_sort", "-date");
        assertEquals(Set.of(all.get(4), all.get(5)), Set.copyOf(byDateDescending.subList(4, 6)), "no start: last by -date");
        assertEquals(all.get(0), byDateDescending.get(0), "the latest start that remains comes first");
    }

    @Test
    void pagesCarryTotalsWhereCheapAndNextLinksStayCorrectWhileAppointmentsAreBooked() {
        String patient = unique("pat");
        List<String> actors = List.of("Patient/" + patient);
        List<String> booked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            booked.add(book(null, actors));
        }

        JsonNode firstPage = search("patient", patient, "_sort", "_lastUpdated", "_count", "2");
        assertTrue(firstPage.path("total").isMissingNode(), "no total unless asked for or free");
        assertEquals(List.of(booked.get(0), booked.get(1)), ids(firstPage));
        String next = link(firstPage, "next");
        assertTrue(next.contains("/fhir/Appointment?") && next.contains("_cursor="), next);
        assertTrue(link(firstPage, "self").contains("/fhir/Appointment?"), link(firstPage, "self"));

        booked.add(book(null, actors)); // booked while the client pages: it comes after what the client saw
        JsonNode secondPage = follow(next);
        assertEquals(List.of(booked.get(2), booked.get(3)), ids(secondPage));
        assertNull(link(secondPage, "next"));

        JsonNode whole = search("patient", patient);
        assertEquals(4, whole.path("total").asInt(), "the whole result on one page: the total is free");
        JsonNode accurate = search("patient", patient, "_count", "1", "_total", "accurate");
        assertEquals(4, accurate.path("total").asInt());
        assertEquals(4, follow(link(accurate, "next")).path("total").asInt());

        JsonNode onlyTotal = search("patient", patient, "_count", "0");
        assertEquals(4, onlyTotal.path("total").asInt());
        assertTrue(onlyTotal.path("entry").isMissingNode(), "_count=0: no entries");
        assertNull(link(onlyTotal, "next"));
        assertEquals(4, search("patient", patient, "_count", "5000").path("entry").size(), "_count above 1000 is clamped");
    }

    @Test
    void theBundleIsASearchsetAClientCanUseAsIs() {
        String patient = unique("pat");
        String id = book(at("2027-07-01T09:00:00Z"), List.of("Patient/" + patient));
        Response response = query("patient", patient).get("/fhir/Appointment");
        response.then().statusCode(200).contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(1))
                .body("link[0].relation", equalTo("self"))
                .body("link[0].url", containsString("/fhir/Appointment?patient=" + patient))
                .body("entry.size()", equalTo(1))
                .body("entry[0].fullUrl", containsString("/fhir/Appointment/" + id))
                .body("entry[0].fullUrl", startsWith("http"))
                .body("entry[0].search.mode", equalTo("match"))
                .body("entry[0].resource.resourceType", equalTo("Appointment"))
                .body("entry[0].resource.id", equalTo(id))
                .body("entry[0].resource.meta.versionId", equalTo("1"));
        query("patient", unique("pat")).get("/fhir/Appointment").then().statusCode(200).body("total", equalTo(0)).body("entry", equalTo(null));
    }

    @Test
    void unknownParametersAreIgnoredAndReportedOrRejectedWhenStrict() {
        String patient = unique("pat");
        String id = book(null, List.of("Patient/" + patient));
        JsonNode lenient = search("patient", patient, "colour", "blue", "_format", "json");
        assertEquals(List.of(id), ids(lenient));
        JsonNode outcome = lenient.path("entry").get(1);
        assertEquals("outcome", outcome.path("search").path("mode").asText());
        assertEquals("OperationOutcome", outcome.path("resource").path("resourceType").asText());
        assertTrue(outcome.path("resource").path("issue").get(0).path("diagnostics").asText().contains("colour"));

        Response strict = query("patient", patient, "colour", "blue").header("Prefer", "handling=strict")
                .get("/fhir/Appointment");
        strict.then().statusCode(400).contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("colour"));
        api().header("Prefer", "handling=strict").queryParam("patient", patient).get("/fhir/Appointment")
                .then().statusCode(200).body("entry.size()", equalTo(1));
    }

    @Test
    void badValuesAre400OperationOutcomesNamingTheParameter() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("slot", "Schedule/" + UUID.randomUUID()),
                Map.entry("patient", "Practitioner/x"),
                Map.entry("practitioner", "Patient/x"),
                Map.entry("actor", "not/a/reference"),
                Map.entry("status", "bookd"),
                Map.entry("date", "2027-02-30"),
                Map.entry("_sort", "status"),
                Map.entry("_count", "-1"),
                Map.entry("_total", "some"),
                Map.entry("_cursor", "bm9wZQ"),
                Map.entry("status:not", "booked"));
        bad.forEach((name, value) -> {
            Response answer = query(name, value).get("/fhir/Appointment");
            assertEquals(400, answer.statusCode(), name + "=" + value + ": " + answer.asString());
            answer.then().contentType(startsWith("application/fhir+json"))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].code", equalTo("value"))
                    .body("issue[0].diagnostics", containsString(name.replace(":not", "")));
        });
        for (String[] more : List.of(new String[] {"date", "zz2027"}, new String[] {"date", "tomorrow"},
                new String[] {"status", ""}, new String[] {"patient", "a,,b"}, new String[] {"_sort", "date,_lastUpdated"},
                new String[] {"_count", "ten"}, new String[] {"_count", "1", "_count", "2"})) {
            query(more).get("/fhir/Appointment").then().statusCode(400).body("issue[0].code", equalTo("value"));
        }

        // a next link's cursor only continues the order it was made for
        String patient = unique("pat");
        book(null, List.of("Patient/" + patient));
        book(null, List.of("Patient/" + patient));
        String next = link(search("patient", patient, "_sort", "date", "_count", "1"), "next");
        String cursor = next.substring(next.indexOf("_cursor=") + "_cursor=".length());
        query("patient", patient, "_sort", "-date", "_count", "1", "_cursor", cursor).get("/fhir/Appointment")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("_cursor"));
    }

    // ---- booking

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private String freeSlot() {
        return slot("free", false);
    }

    /**
     * Books an appointment with these participants on the given slots (a new free slot when none
     * is given); {@code start} null keeps the slot's start. Returns the appointment id.
     */
    private String book(Instant start, List<String> actors, String... slotIds) {
        String[] held = slotIds.length == 0 ? new String[] {freeSlot()} : slotIds;
        ObjectNode appointment = JSON.createObjectNode().put("resourceType", "Appointment").put("status", "booked");
        if (start != null) {
            appointment.put("start", start.toString()).put("end", start.plusSeconds(900).toString());
        }
        ArrayNode slotReferences = appointment.putArray("slot");
        Arrays.stream(held).forEach(id -> slotReferences.addObject().put("reference", "Slot/" + id));
        ArrayNode participants = appointment.putArray("participant");
        actors.forEach(actor -> participants.addObject().put("status", "accepted").putObject("actor").put("reference", actor));
        Response created = api().body(appointment.toString()).post("/fhir/Appointment");
        created.then().statusCode(201);
        return created.path("id");
    }

    private static JsonNode read(String id) {
        Response response = api().get("/fhir/Appointment/" + id);
        response.then().statusCode(200);
        return parse(response.asString());
    }

    // ---- searching

    /** GET /fhir/Appointment with these name/value pairs (a name may repeat), properly encoded. */
    private static RequestSpecification query(String... pairs) {
        RequestSpecification request = given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES));
        for (int i = 0; i < pairs.length; i += 2) {
            request.queryParam(pairs[i], pairs[i + 1]);
        }
        return request;
    }

    private static JsonNode search(String... pairs) {
        return parse(query(pairs).get("/fhir/Appointment").asString());
    }

    /** The ids of the matches, in Bundle order; the search must succeed. */
    private static List<String> matchIds(String... pairs) {
        Response response = query(pairs).get("/fhir/Appointment");
        assertEquals(200, response.statusCode(), response.asString());
        return ids(parse(response.asString()));
    }

    private static Set<String> matchSet(String... pairs) {
        List<String> ids = matchIds(pairs);
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "no appointment twice: " + ids);
        return unique;
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("search").path("mode").asText().equals("match")) {
                ids.add(entry.path("resource").path("id").asText());
            }
        }
        return ids;
    }

    /** Follows next links from the first page of {@code _count} to the last; every id in the order served. */
    private static List<String> walk(int count, String... pairs) {
        String[] withCount = Arrays.copyOf(pairs, pairs.length + 2);
        withCount[pairs.length] = "_count";
        withCount[pairs.length + 1] = Integer.toString(count);
        JsonNode page = search(withCount);
        List<String> served = new ArrayList<>();
        for (int pages = 0; pages < 50; pages++) {
            List<String> ids = ids(page);
            assertTrue(ids.size() <= count, "a page holds at most _count matches");
            served.addAll(ids);
            String next = link(page, "next");
            if (next == null) {
                assertEquals(served.size(), new HashSet<>(served).size(), "no duplicates across pages: " + served);
                return served;
            }
            assertEquals(count, ids.size(), "only the last page is short");
            page = follow(next);
        }
        throw new AssertionError("next links never ended: " + served);
    }

    /** GET a next link exactly as the server wrote it. */
    private static JsonNode follow(String url) {
        Response response = given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .urlEncodingEnabled(false).get(url);
        assertEquals(200, response.statusCode(), response.asString());
        return parse(response.asString());
    }

    private static String link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (link.path("relation").asText().equals(relation)) {
                return link.path("url").asText();
            }
        }
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }
}
