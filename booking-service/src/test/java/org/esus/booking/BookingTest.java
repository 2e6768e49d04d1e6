package org.esus.booking;

import static org.esus.booking.Fixtures.CONFLICT_BODY;
import static org.esus.booking.Fixtures.api;
import static org.esus.booking.Fixtures.appointment;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** CONTRACT section 4 as one client sees it: book, conflict, overbook, all-or-none, cancel, retry. */
@QuarkusTest
class BookingTest extends WithSlotFeed {

    private static Response book(String body) {
        return api().body(body).post("/fhir/Appointment");
    }

    @Test
    void aFreeSlotIsBookedAndTheAppointmentIsStored() {
        String slot = slot("free", false);
        Response created = book(Fixtures.appointmentWith(null, "proposed", slot));
        created.then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo("W/\"1\""))
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("Appointment"))
                .body("status", equalTo("booked"))
                .body("slot[0].reference", equalTo("Slot/" + slot))
                .body("start", startsWith("2026-12-07T09:00:00"))
                .body("end", startsWith("2026-12-07T09:15:00"))
                .body("meta.versionId", equalTo("1"));
        String id = created.path("id");
        created.then().header("Location", endsWith("/fhir/Appointment/" + id + "/_history/1"));

        api().get("/fhir/Appointment/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("booked"))
                .body("participant[0].actor.reference", equalTo("Patient/p1"));
    }

    @Test
    void aBookedSlotAnswersConflictWithExactlyTheContractBody() {
        String slot = slot("free", false);
        book(appointment(slot)).then().statusCode(201);
        Response second = book(appointment(slot));
        second.then().statusCode(409).contentType(startsWith("application/fhir+json"));
        assertEquals(CONFLICT_BODY, second.asString());
    }

    @Test
    void anOverbookedSlotTakesEveryBooking() {
        String slot = slot("free", true);
        for (int i = 0; i < 4; i++) {
            book(appointment(slot)).then().statusCode(201).body("status", equalTo("booked"));
        }
        String busyOverbooked = slot("busy", true); // overbooked: accepts bookings busy or not
        book(appointment(busyOverbooked)).then().statusCode(201);
    }

    @Test
    void unavailableSlotsAreConflictsAndUnknownSlotsAreBusinessRuleErrors() {
        for (String status : new String[] {"busy", "busy-unavailable", "entered-in-error"}) {
            Response answer = book(appointment(slot(status, false)));
            assertEquals(409, answer.statusCode(), status);
            assertEquals(CONFLICT_BODY, answer.asString(), status);
        }
        book(appointment(slot("busy-unavailable", true))).then().statusCode(409); // overbooked does not lift a block

        book(appointment(java.util.UUID.randomUUID().toString())).then().statusCode(422)
                .body("issue[0].code", equalTo("business-rule"));

        String deleted = slot("free", false);
        slots.delete(deleted, 2);
        Fixtures.awaitKnown(streams, deleted, 2);
        book(appointment(deleted)).then().statusCode(422);
    }

    @Test
    void aSlotTheSchedulerFreesAgainCanBeBooked() {
        String slot = slot("busy", false);
        book(appointment(slot)).then().statusCode(409);
        slots.update(slot, 2, "free", false);
        Fixtures.awaitKnown(streams, slot, 2);
        book(appointment(slot)).then().statusCode(201);
    }

    @Test
    void severalSlotsAreClaimedAllOrNone() {
        String free = slot("free", false);
        String taken = slot("free", false);
        book(appointment(taken)).then().statusCode(201);

        Response both = book(appointment(free, taken));
        both.then().statusCode(409);
        assertEquals(CONFLICT_BODY, both.asString());
        // the free slot was only reserved, and released: another appointment can have it
        book(appointment(free)).then().statusCode(201);

        String a = slot("free", false);
        String b = slot("free", false);
        Response pair = book(appointment(a, b));
        pair.then().statusCode(201).body("slot.size()", equalTo(2));
        book(appointment(a)).then().statusCode(409);
        book(appointment(b)).then().statusCode(409);
    }

    @Test
    void aCancelledAppointmentReleasesItsSlotForTheNextBooking() {
        String slot = slot("free", false);
        Response first = book(appointment(slot));
        String id = first.path("id");
        String cancelled = first.asString().replace("\"status\":\"booked\"", "\"status\":\"cancelled\"");
        api().body(cancelled).put("/fhir/Appointment/" + id).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("meta.versionId", equalTo("2"));
        api().get("/fhir/Appointment/" + id).then().statusCode(200).body("status", equalTo("cancelled"));

        Response second = book(appointment(slot));
        second.then().statusCode(201);
        String secondId = second.path("id");
        assertNotEquals(id, secondId);

        api().delete("/fhir/Appointment/" + secondId).then().statusCode(200);
        api().get("/fhir/Appointment/" + secondId).then().statusCode(410);
        book(appointment(slot)).then().statusCode(201);
        // a cancelled appointment stays cancelled
        api().body(cancelled.replace("\"status\":\"cancelled\"", "\"status\":\"booked\"")
                .replace("\"versionId\":\"1\"", "\"versionId\":\"2\"")).put("/fhir/Appointment/" + id)
                .then().statusCode(422);
    }

    @Test
    void aRetryWithTheSameIdentifierReturnsTheFirstResult() {
        String slot = slot("free", false);
        String identifier = java.util.UUID.randomUUID().toString();
        Response first = book(Fixtures.appointmentWith(identifier, "booked", slot));
        first.then().statusCode(201);
        Response retry = book(Fixtures.appointmentWith(identifier, "booked", slot));
        retry.then().statusCode(200).body("id", equalTo(first.path("id")));

        String other = slot("free", false);
        Response conditional = api().header("If-None-Exist", "identifier=urn:esus:test|" + identifier)
                .body(appointment(other)).post("/fhir/Appointment");
        conditional.then().statusCode(200).body("id", equalTo(first.path("id")));
        book(appointment(other)).then().statusCode(201); // the conditional create booked nothing

        String key = java.util.UUID.randomUUID().toString();
        String fresh = slot("free", false);
        api().header("If-None-Exist", "identifier=" + key).body(appointment(fresh)).post("/fhir/Appointment")
                .then().statusCode(201);
        api().header("If-None-Exist", "identifier=" + key).body(appointment(fresh)).post("/fhir/Appointment")
                .then().statusCode(200);
    }
}
