package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.esus.common.events.EventJson;
import org.esus.testsupport.WebhookReceiver.Received;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/**
 * CONTRACT sections 5 and 6 end to end, as a subscriber notices them: slot-service,
 * booking-service, subscription-service and notification-dispatcher run from their packaged jars
 * as processes on one real broker and PostgreSQL, and a real HTTP receiver on 127.0.0.1 plays the
 * subscriber's endpoint. Every wait polls with a generous timeout; nothing asserts on timing.
 */
class NotificationFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SLOT_DB = "esus_st_nf_slot_" + ProcessHandle.current().pid();
    private static final String BOOKING_DB = "esus_st_nf_booking_" + ProcessHandle.current().pid();
    private static final String SUBSCRIPTION_DB = "esus_st_nf_subscription_" + ProcessHandle.current().pid();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServiceProcess slotService;
    private static ServiceProcess bookingService;
    private static ServiceProcess subscriptionService;
    private static ServiceProcess dispatcher;
    private static WebhookReceiver receiver;
    private static FhirHttp slots;
    private static FhirHttp bookings;
    private static FhirHttp subscriptions;
    /** Subscriptions created so far by this class, so we know how many the matcher must hold. */
    private static final AtomicInteger created = new AtomicInteger();

    @BeforeAll
    static void startServices() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers();
        slotService = ServiceProcess.start("slot-service",
                ServiceProcess.environment(TestDatabase.recreate(SLOT_DB), bootstrap), log("slot-service"));

        Map<String, String> booking = new HashMap<>(ServiceProcess.environment(TestDatabase.recreate(BOOKING_DB), bootstrap));
        booking.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory(Path.of("target"), "nf-streams-state-").toString());
        bookingService = ServiceProcess.start("booking-service", booking, log("booking-service"));

        Map<String, String> subscription = new HashMap<>(
                ServiceProcess.environment(TestDatabase.recreate(SUBSCRIPTION_DB), bootstrap));
        // ServiceProcess.environment does not set it; without it the receiver on 127.0.0.1 is refused (422).
        subscription.put("ESUS_SUBSCRIPTION_ALLOW_LOOPBACK", "true");
        subscriptionService = ServiceProcess.start("subscription-service", subscription, log("subscription-service"));

        // The dispatcher has no database: it is given the same environment as the others (the
        // datasource variables point at a database it never opens) and must start all the same.
        dispatcher = ServiceProcess.start("notification-dispatcher",
                ServiceProcess.environment(TestDatabase.SERVER_URL + "/" + SUBSCRIPTION_DB, bootstrap),
                log("notification-dispatcher"));

        receiver = new WebhookReceiver();
        slots = new FhirHttp(slotService.baseUrl());
        bookings = new FhirHttp(bookingService.baseUrl());
        subscriptions = new FhirHttp(subscriptionService.baseUrl());
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {dispatcher, subscriptionService, bookingService, slotService}) {
            if (service != null) {
                service.close();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        TestDatabase.drop(SLOT_DB);
        TestDatabase.drop(BOOKING_DB);
        TestDatabase.drop(SUBSCRIPTION_DB);
    }

    /** Scenarios 1, 2 and 4: the seed Subscription (and a ping twin) hear a free slot and then its booking. */
    @Test
    void aMatchingSlotIsNotifiedAsABundleAndItsBookingAsBusy() throws Exception {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String full = subscribe(practitioner, "/hooks/full", true);
        String ping = subscribe(practitioner, "/hooks/ping", false);
        awaitMatcherView();

        String slot = createFreeSlot(practitioner, "2026-12-10T09:00:00Z");

        // 1. The free slot: one POST carrying the Bundle of CONTRACT section 6.
        Received free = receiver.await("/hooks/full", 1, WAIT).get(0);
        JsonNode freeBundle = assertNotification(free, full, slot, "free");

        // 2. Booking it: a second notification for the same slot, now busy, under a new webhook-id.
        JsonNode appointment = bookings.create("Appointment", "{\"resourceType\":\"Appointment\",\"status\":\"booked\","
                + "\"slot\":[{\"reference\":\"Slot/" + slot + "\"}],"
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/nf-1\"},\"status\":\"accepted\"}]}");
        assertEquals("booked", appointment.path("status").asText());
        List<Received> both = receiver.await("/hooks/full", 2, WAIT);
        JsonNode busyBundle = assertNotification(both.get(1), full, slot, "busy");
        assertNotEquals(freeBundle.path("id").asText(), busyBundle.path("id").asText(), "each change has its own event id");
        assertFalse(Instant.parse(busyBundle.path("timestamp").asText())
                .isBefore(Instant.parse(freeBundle.path("timestamp").asText())), "the booking happened after the creation");
        // Notifications of one Subscription arrive in change order, so by now a second POST for the
        // creation would have arrived before the busy one: the creation was notified exactly once.
        assertEquals(2, both.size(), "one POST per change: " + WebhookReceiver.describe(both));
        assertEquals(free.header("webhook-id"), both.get(0).header("webhook-id"));

        // 4. The ping twin: the same two changes, the same headers, an empty body.
        List<Received> pings = receiver.await("/hooks/ping", 2, WAIT);
        assertEquals(2, pings.size(), "one ping per change: " + WebhookReceiver.describe(pings));
        for (Received p : pings) {
            assertEquals("POST", p.method());
            assertEquals(0, p.body().length, "a ping has an empty body, got: " + p.bodyText());
            assertHeaders(p, ping);
        }
        assertNotEquals(pings.get(0).header("webhook-id"), pings.get(1).header("webhook-id"));
        assertNotEquals(free.header("webhook-id"), pings.get(0).header("webhook-id"), "one id per (change, subscription)");
    }

    /** Scenario 3: a slot of another practitioner reaches that practitioner's subscriber, never ours. */
    @Test
    void aSlotOfAnotherPractitionerIsNotNotified() throws Exception {
        String ours = "Practitioner/" + UUID.randomUUID();
        String other = "Practitioner/" + UUID.randomUUID();
        subscribe(ours, "/hooks/ours", true);
        subscribe(other, "/hooks/theirs", true);
        awaitMatcherView();

        String otherSlot = createFreeSlot(other, "2026-12-11T09:00:00Z");
        // Once the other practitioner's subscriber has it, the matcher has evaluated that change
        // against every candidate, ours included: a wrong match would already be queued for us.
        assertEquals(otherSlot, slotOf(receiver.await("/hooks/theirs", 1, WAIT).get(0)));

        // A later change that does match us: one Subscription's notifications arrive in change
        // order, so once it is here, a notification of the other slot could only have come before.
        String ourSlot = createFreeSlot(ours, "2026-12-11T10:00:00Z");
        List<Received> ourRequests = receiver.await("/hooks/ours", 1, WAIT);
        assertEquals(List.of(ourSlot), ourRequests.stream().map(NotificationFlowIT::slotOf).toList(),
                "only our slot was notified to us: " + WebhookReceiver.describe(ourRequests));
        assertTrue(receiver.requests("/hooks/theirs").stream().noneMatch(r -> ourSlot.equals(slotOf(r))),
                "and ours did not go to the other subscriber");
    }

    /** Scenario 5: an endpoint that answers 500 twice gets the same notification again, and takes it the third time. */
    @Test
    void anEndpointFailingTwiceGetsTheSameNotificationUntilItTakesIt() throws Exception {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        receiver.statuses("/hooks/flaky", 500, 500);
        String flaky = subscribe(practitioner, "/hooks/flaky", true);
        awaitMatcherView();

        String slot = createFreeSlot(practitioner, "2026-12-12T09:00:00Z");
        List<Received> tries = receiver.await("/hooks/flaky", 3, WAIT);
        assertEquals(List.of(500, 500, 200), tries.stream().map(Received::answered).toList());
        for (Received attempt : tries) {
            assertNotification(attempt, flaky, slot, "free");
            assertEquals(tries.get(0).header("webhook-id"), attempt.header("webhook-id"), "the same webhook-id on every try");
            assertEquals(tries.get(0).bodyText(), attempt.bodyText(), "the same Bundle on every try");
        }
        // Delivered in the end, so the Subscription is (still) active, not error.
        assertEquals("active", subscriptions.read("Subscription/" + flaky).path("status").asText());
    }

    // --- the client's side -------------------------------------------------------------------

    /**
     * The seed Subscription of CONTRACT section 5 as written, except for its endpoint (our
     * receiver), a channel header and a criteria on a fresh practitioner; a ping has no payload.
     */
    private static String subscribe(String practitioner, String path, boolean payload) throws Exception {
        JsonNode stored = subscriptions.create("Subscription", "{\n"
                + " \"resourceType\": \"Subscription\",\n"
                + " \"status\": \"active\",\n"
                + " \"reason\": \"Slot availability for practitioner\",\n"
                + " \"criteria\": \"Slot?schedule.actor=" + practitioner + "\",\n"
                + " \"channel\": {\"type\": \"rest-hook\", \"endpoint\": \"" + receiver.url(path) + "\",\n"
                + "             \"header\": [\"X-Tenant: clinic-1\"]"
                + (payload ? ",\n             \"payload\": \"application/fhir+json\"" : "") + "}\n"
                + "}");
        assertEquals("active", stored.path("status").asText(), stored.toString());
        created.incrementAndGet();
        return stored.path("id").asText();
    }

    private static String createFreeSlot(String practitioner, String start) throws Exception {
        String schedule = slots.create("Schedule",
                "{\"resourceType\":\"Schedule\",\"actor\":[{\"reference\":\"" + practitioner + "\"}]}").path("id").asText();
        Instant begin = Instant.parse(start);
        return slots.create("Slot", "{\"resourceType\":\"Slot\",\"schedule\":{\"reference\":\"Schedule/" + schedule
                + "\"},\"status\":\"free\",\"start\":\"" + begin + "\",\"end\":\"" + begin.plusSeconds(900) + "\"}")
                .path("id").asText();
    }

    /** What CONTRACT section 6 promises about one POST; returns its Bundle. */
    private static JsonNode assertNotification(Received request, String subscriptionId, String slot, String status) {
        assertEquals("POST", request.method());
        assertHeaders(request, subscriptionId);
        JsonNode bundle = EventJson.tree(request.bodyText());
        assertEquals("Bundle", bundle.path("resourceType").asText(), bundle.toString());
        assertEquals("notification", bundle.path("type").asText(), bundle.toString());
        assertEquals(request.header("webhook-id"), bundle.path("id").asText(), "webhook-id is the Bundle id");
        Instant.parse(bundle.path("timestamp").asText()); // an instant, or this throws
        assertEquals(1, bundle.path("entry").size(), bundle.toString());
        JsonNode entry = bundle.path("entry").get(0);
        assertTrue(entry.path("fullUrl").asText().endsWith("/Slot/" + slot), entry.path("fullUrl").asText());
        JsonNode resource = entry.path("resource");
        assertEquals("Slot", resource.path("resourceType").asText(), resource.toString());
        assertEquals(slot, resource.path("id").asText(), resource.toString());
        assertEquals(status, resource.path("status").asText(), resource.toString());
        assertFalse(resource.path("start").asText().isEmpty(), resource.toString());
        assertFalse(resource.path("end").asText().isEmpty(), resource.toString());
        return bundle;
    }

    private static void assertHeaders(Received request, String subscriptionId) {
        WebhookHeaders.assertHeaders(request, subscriptionId, "X-Tenant: clinic-1");
    }

    /** The Slot id a request is about: from the Bundle, or null for a ping. */
    private static String slotOf(Received request) {
        if (request.body().length == 0) {
            return null;
        }
        return EventJson.tree(request.bodyText()).path("entry").path(0).path("resource").path("id").asText();
    }

    /**
     * Waits until subscription-service's matcher holds every Subscription created so far (its
     * readiness check reports the count). A Subscription reaches the matcher asynchronously
     * (outbox, esus.subscriptions, the matcher's view), and a Slot change matched before the view
     * has it is not notified to it. In practice the view wins that race (6 of 6 Slots created
     * about 40 ms after the 201 were notified), but these scenarios test matching and delivery, so
     * they do not depend on it.
     */
    private static void awaitMatcherView() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int held = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + subscriptionService.port() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : EventJson.tree(ready.body()).path("checks")) {
                if ("subscription view".equals(check.path("name").asText())) {
                    held = check.path("data").path("subscriptions").asInt(-1);
                }
            }
            if (held >= created.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the matcher holds " + held + " subscriptions, expected " + created.get());
    }

    private static File log(String module) {
        return new File("target", "notification-flow-" + module + ".log");
    }
}
