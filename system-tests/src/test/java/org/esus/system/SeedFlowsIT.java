package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.esus.common.events.EventJson;
import org.esus.testsupport.WebhookReceiver.Received;
import org.esus.system.stack.EsusStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * The seed's flows on the whole stack (broker, four services and the gateway as processes, as
 * ./esus up runs them), every request through the gateway with a bearer token: the seed's
 * Subscription, slots created and booked with the notifications they cause, the two seed polling
 * queries, double booking, overbooking, and a cancellation that frees the slot and notifies "free".
 */
class SeedFlowsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONFLICT = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"conflict\",\"diagnostics\":\"Slot is not available\"}]}";

    private static SystemFixtures stack;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void stack() throws Exception {
        stack = new SystemFixtures(EsusStack.shared());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void subscriberHearsOfCreationBookingAndCancellationAndDoubleBookingIsRefused() throws Exception {
        String practitioner = SystemFixtures.newPractitioner();
        String subscription = stack.subscribe("Slot?schedule.actor=" + practitioner, receiver.url("/seed"),
                "Authorization: Bearer subscriber-secret");
        String schedule = stack.schedule(practitioner);

        String slotId = stack.slots(schedule, 1, "free", false).get(0);
        Received created = receiver.await("/seed", 1, WAIT).get(0);
        assertNotification(created, slotId, "free", subscription);
        assertEquals("Bearer subscriber-secret", created.header("Authorization"), "the channel header is sent");

        HttpResponse<String> booked = stack.bookWhenKnown(slotId, "p1");
        assertEquals(201, booked.statusCode(), booked.body());
        assertEquals("booked", EventJson.tree(booked.body()).path("status").asText());
        assertNotification(receiver.await("/seed", 2, WAIT).get(1), slotId, "busy", subscription);

        HttpResponse<String> again = stack.book(slotId, "p2");
        assertEquals(409, again.statusCode());
        assertEquals(CONFLICT, again.body(), "the 409 body of CONTRACT section 4, exactly");

        String appointment = EventJson.tree(booked.body()).path("id").asText();
        stack.fhir.delete("Appointment/" + appointment);
        stack.fhir.awaitField("Slot/" + slotId, "status", "free", WAIT);
        assertNotification(receiver.await("/seed", 3, WAIT).get(2), slotId, "free", subscription);
        assertEquals(201, stack.book(slotId, "p3").statusCode(), "a freed slot can be booked again");
    }

    @Test
    void overbookedSlotTakesSeveralBookings() throws Exception {
        String schedule = stack.schedule(SystemFixtures.newPractitioner());
        String slotId = stack.slots(schedule, 1, "free", true).get(0);
        for (int patient = 0; patient < 3; patient++) {
            HttpResponse<String> booked = stack.bookWhenKnown(slotId, "over-" + patient);
            assertEquals(201, booked.statusCode(), booked.body());
        }
        stack.fhir.awaitField("Slot/" + slotId, "status", "busy", WAIT);
    }

    @Test
    void seedPollingQueriesFindTheNextFreeSlotsInStartOrder() throws Exception {
        String practitioner = SystemFixtures.newPractitioner();
        String schedule = stack.schedule(practitioner);
        List<String> free = stack.slots(schedule, 14, "free", false);
        List<String> busy = stack.slots(stack.schedule(practitioner), 3, "busy", false); // same times, another schedule
        String ofOther = stack.slots(stack.schedule(SystemFixtures.newPractitioner()), 1, "free", false).get(0);

        JsonNode next10 = stack.fhir.read("Slot?status=free&schedule.actor=" + practitioner + "&_count=10&_sort=start");
        assertEquals("searchset", next10.path("type").asText());
        assertEquals(free.subList(0, 10), ids(next10), "the first ten free slots, by start");
        assertTrue(next10.path("link").toString().contains("\"next\""), "more free slots: a next link");
        assertTrue(!ids(next10).containsAll(busy) && !ids(next10).contains(ofOther));

        // slots start at 2031-03-03T08:00Z every 15 minutes: the fifth is the first at or after 09:00
        JsonNode nearest = stack.fhir.read("Slot?status=free&schedule.actor=" + practitioner
                + "&date=ge2031-03-03T09:00:00Z&_count=1&_sort=start");
        assertEquals(List.of(free.get(4)), ids(nearest));
    }

    private static void assertNotification(Received request, String slotId, String status, String subscription) {
        assertEquals("POST", request.method());
        assertTrue(request.header("Content-Type").startsWith("application/fhir+json"), request.header("Content-Type"));
        assertEquals("Subscription/" + subscription, request.header("X-Esus-Subscription"));
        JsonNode bundle = EventJson.tree(request.bodyText());
        assertEquals("Bundle", bundle.path("resourceType").asText());
        assertEquals("notification", bundle.path("type").asText());
        assertEquals(bundle.path("id").asText(), request.header("webhook-id"), "webhook-id is the Bundle id");
        assertTrue(bundle.path("timestamp").isTextual(), bundle.toString());
        JsonNode entry = bundle.path("entry").path(0);
        assertEquals(stack.stack.fhirBase() + "Slot/" + slotId, entry.path("fullUrl").asText());
        assertEquals("Slot", entry.path("resource").path("resourceType").asText());
        assertEquals(slotId, entry.path("resource").path("id").asText());
        assertEquals(status, entry.path("resource").path("status").asText());
    }

    private static List<String> ids(JsonNode searchset) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : searchset.path("entry")) {
            if ("match".equals(entry.path("search").path("mode").asText())) {
                ids.add(entry.path("resource").path("id").asText());
            }
        }
        return ids;
    }
}
