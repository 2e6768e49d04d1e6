package org.esus.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.esus.common.events.EventJson;
import org.esus.system.stack.EsusStack;
import org.esus.system.stack.EsusStack.Component;

/**
 * What the whole-system tests do through the gateway, as a scheduler, a booking system and a
 * subscriber would: a practitioner's Schedule and Slots, a Subscription the matcher holds, a booking.
 */
final class SystemFixtures {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Slots start on this day plus 15 minutes per slot, far from other data. */
    private static final Instant FIRST_START = Instant.parse("2031-03-03T08:00:00Z");

    final EsusStack stack;
    final FhirHttp fhir;

    SystemFixtures(EsusStack stack) {
        this.stack = stack;
        this.fhir = new FhirHttp(stack.fhirBase());
    }

    /** A new practitioner reference, so a test's slots and notifications are its own. */
    static String newPractitioner() {
        return "Practitioner/" + UUID.randomUUID();
    }

    String schedule(String practitioner) throws Exception {
        return fhir.create("Schedule", "{\"resourceType\":\"Schedule\",\"active\":true,\"actor\":[{\"reference\":\""
                + practitioner + "\"}]}").get("id").asText();
    }

    /** Creates {@code count} slots on the Schedule in one transaction; returns their ids in start order. */
    List<String> slots(String scheduleId, int count, String status, boolean overbooked) throws Exception {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < count; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"resource\":").append(slot(null, scheduleId, i, status, overbooked))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Slot\"}}");
        }
        HttpResponse<String> answer = fhir.exchange("POST", "",
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}");
        if (answer.statusCode() != 200) {
            throw new AssertionError("transaction answered " + answer.statusCode() + ": " + answer.body());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : EventJson.tree(answer.body()).get("entry")) {
            ids.add(entry.path("response").path("location").asText().split("/")[1]);
        }
        return ids;
    }

    /** The i-th slot of a Schedule as JSON; {@code id} null for a create. */
    static String slot(String id, String scheduleId, int i, String status, boolean overbooked) {
        Instant start = FIRST_START.plus(Duration.ofMinutes(15L * i));
        return "{\"resourceType\":\"Slot\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"schedule\":{\"reference\":\"Schedule/" + scheduleId + "\"},\"status\":\"" + status + "\""
                + (overbooked ? ",\"overbooked\":true" : "") + ",\"start\":\"" + start + "\",\"end\":\""
                + start.plus(Duration.ofMinutes(15)) + "\"}";
    }

    /** POST /Appointment for one slot and a patient: the answer as it came. */
    HttpResponse<String> book(String slotId, String patient) throws Exception {
        return fhir.exchange("POST", "Appointment", "{\"resourceType\":\"Appointment\",\"status\":\"booked\","
                + "\"slot\":[{\"reference\":\"Slot/" + slotId + "\"}],\"participant\":[{\"actor\":{\"reference\":\"Patient/"
                + patient + "\"},\"status\":\"accepted\"}]}");
    }

    /** As {@link #book}, again while booking-service does not know the slot yet (422: it was just created). */
    HttpResponse<String> bookWhenKnown(String slotId, String patient) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> answer = book(slotId, patient);
            if (answer.statusCode() != 422 || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(200);
        }
    }

    /**
     * One turn of a client that keeps slots contended: it cancels the appointment it got on its
     * last turn ({@code held[worker]}), or else books a random slot of {@code slots}.
     */
    HttpResponse<String> bookOrCancel(List<String> slots, String[] held, int worker, String patient) throws Exception {
        if (held[worker] != null) {
            String appointment = held[worker];
            held[worker] = null;
            return fhir.exchange("DELETE", "Appointment/" + appointment, null);
        }
        HttpResponse<String> answer = book(slots.get(ThreadLocalRandom.current().nextInt(slots.size())), patient);
        if (answer.statusCode() == 201) {
            held[worker] = EventJson.tree(answer.body()).path("id").asText();
        }
        return answer;
    }

    /**
     * Creates a rest-hook Subscription with the Bundle payload, then waits until the matcher
     * holds it: a change the matcher evaluates before that is not the subscription's to hear.
     */
    String subscribe(String criteria, String endpoint, String... headers) throws Exception {
        StringBuilder headerJson = new StringBuilder();
        for (String header : headers) {
            headerJson.append(headerJson.length() == 0 ? "" : ",").append('"').append(header).append('"');
        }
        return subscribeWith("{\"resourceType\":\"Subscription\",\"status\":\"active\","
                + "\"reason\":\"Slot availability for practitioner\",\"criteria\":\"" + criteria + "\",\"channel\":{"
                + "\"type\":\"rest-hook\",\"endpoint\":\"" + endpoint + "\",\"payload\":\"application/fhir+json\""
                + (headers.length == 0 ? "" : ",\"header\":[" + headerJson + "]") + "}}");
    }

    /** Creates this Subscription (any body subscription-service takes), then waits until the matcher holds it. */
    String subscribeWith(String subscriptionJson) throws Exception {
        int before = matcherView();
        String id = fhir.create("Subscription", subscriptionJson).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (matcherView() <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the matcher did not take Subscription/" + id + " within 30 s");
            }
            Thread.sleep(100);
        }
        return id;
    }

    /** How many subscriptions subscription-service's matcher holds (its readiness check says). */
    int matcherView() throws Exception {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(Component.SUBSCRIPTION)
                + "health/ready")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : EventJson.tree(ready.body()).path("checks")) {
            if (check.path("data").has("subscriptions")) {
                return check.path("data").path("subscriptions").asInt();
            }
        }
        return -1; // not ready: no view yet
    }
}
