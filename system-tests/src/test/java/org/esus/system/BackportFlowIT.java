package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.esus.system.stack.EsusStack;
import org.esus.testsupport.WebhookReceiver;
import org.esus.testsupport.WebhookReceiver.Received;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * Topic-based Subscriptions (Subscriptions R5 Backport IG 1.1.0, R4) on the whole stack, through the
 * gateway, to a real receiver, as a strict R4 client of the IG notices them: a handshake, then the
 * Subscription active; every Slot change of its practitioner (created, updated, booked) as a
 * history Bundle numbered 1, 2, 3, ... with the Slot at that version; after its endpoint was down,
 * {@code $status} counts every event and {@code $events} returns exactly the missed ones, also page
 * by page; id-only and empty Subscriptions hear the same changes without the Slot (empty: without
 * topic and focus). Every body is read with HAPI FHIR's strict R4 parser.
 */
class BackportFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The dispatcher's backoff reaches 30 s between attempts: a notification refused for a while may wait that long. */
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(90);
    private static final FhirContext R4 = FhirContext.forR4();
    private static final String IG = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    private static final String TOPIC = "https://esus.org/fhir/SubscriptionTopic/slot-changes";
    private static final String CHANNEL_HEADER = "X-Tenant: clinic-1";
    private static final String FULL_RESOURCE = "full-resource";
    private static final String ID_ONLY = "id-only";
    private static final String EMPTY = "empty";

    /** One event as a Bundle tells it: its number, its focus (null for empty) and its Slot (null unless full-resource). */
    private record Event(long number, String focus, Slot slot) {

        String slotVersion() {
            return slot.getIdElement().getIdPart() + "/" + slot.getMeta().getVersionId();
        }
    }

    private SystemFixtures fixtures;
    private String schedule;
    /** Every Slot change made, "slotId/version" → the status it set, in the order made. */
    private final Map<String, String> changes = new LinkedHashMap<>();

    @Test
    void aBackportClientHearsEveryChangeNumberedAndFetchesWhatItMissed() throws Exception {
        fixtures = new SystemFixtures(EsusStack.shared());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String practitioner = SystemFixtures.newPractitioner();
            schedule = fixtures.schedule(practitioner);
            Map<String, String> subscriptions = new LinkedHashMap<>(); // payload content → Subscription id
            for (String content : List.of(FULL_RESOURCE, ID_ONLY, EMPTY)) {
                subscriptions.put(content, fixtures.subscribeWith(topicSubscription(practitioner, content,
                        receiver.url("/" + content))));
            }
            String full = subscriptions.get(FULL_RESOURCE);

            // 1. Each endpoint is greeted by a handshake; its delivery makes the Subscription active.
            for (Map.Entry<String, String> subscription : subscriptions.entrySet()) {
                assertHandshake(receiver.await("/" + subscription.getKey(), 1, WAIT).get(0), subscription.getValue(),
                        subscription.getKey());
                fixtures.fhir.awaitField("Subscription/" + subscription.getValue(), "status", "active", WAIT);
            }

            // 2. Slots created, updated and booked: each change is one numbered notification.
            List<String> slots = create(3);
            update(slots, 0, "busy-unavailable");
            update(slots, 0, "free");
            book(slots.get(1));
            List<Event> heard = awaitEvents(receiver, full, FULL_RESOURCE, changes.size(), WAIT);
            assertEventsAre(List.copyOf(changes.keySet()), heard, 1);

            // 3. The endpoint refuses (503) while more changes are made, then catches up as the IG says.
            long lastTaken = heard.get(heard.size() - 1).number();
            receiver.always("/" + FULL_RESOURCE, 503);
            int before = changes.size();
            update(slots, 2, "busy-tentative");
            update(slots, 2, "free");
            update(slots, 0, "busy-unavailable");
            update(slots, 0, "free");
            book(slots.get(2));
            List<String> madeWhileDown = List.copyOf(changes.keySet()).subList(before, changes.size());
            awaitRefused(receiver, "/" + FULL_RESOURCE);
            assertEquals(lastTaken, takenEvents(receiver, full, FULL_RESOURCE).stream().mapToLong(Event::number).max()
                    .orElseThrow(), "nothing more was taken while the endpoint refused");

            long total = changes.size();
            Parameters status = awaitStatusCount(full, total);
            assertEquals("query-status", value(status, "type"));
            assertEquals("active", value(status, "status"));
            assertEquals(TOPIC, value(status, "topic"));
            assertSubscription(status, full);

            Bundle missed = events(full, "eventsSinceNumber=" + (lastTaken + 1));
            assertEquals("query-event", value(statusOf(missed), "type"));
            assertEquals(Long.toString(total), value(statusOf(missed), "events-since-subscription-start"));
            List<Event> missedEvents = eventsOf(missed, FULL_RESOURCE);
            assertEventsAre(madeWhileDown, missedEvents, lastTaken + 1);

            long pageEnd = lastTaken + 2;
            List<Event> paged = new ArrayList<>(eventsOf(events(full, "eventsSinceNumber=" + (lastTaken + 1)
                    + "&eventsUntilNumber=" + pageEnd), FULL_RESOURCE));
            assertEquals(List.of(lastTaken + 1, pageEnd), paged.stream().map(Event::number).toList(), "the first page");
            paged.addAll(eventsOf(events(full, "eventsSinceNumber=" + (pageEnd + 1)), FULL_RESOURCE));
            assertEquals(numberedVersions(missedEvents), numberedVersions(paged), "two pages: the same events");

            // Back up: the dispatcher's retries bring the missed notifications too, with the same numbers.
            receiver.statuses("/" + FULL_RESOURCE);
            List<Event> all = awaitEvents(receiver, full, FULL_RESOURCE, total, AFTER_OUTAGE);
            assertEventsAre(List.copyOf(changes.keySet()), all, 1);
            assertEquals(numberedVersions(missedEvents), numberedVersions(all.subList((int) lastTaken, (int) total)),
                    "the notifications delivered late are the events $events returned");
            assertEquals("active", fixtures.fhir.read("Subscription/" + full).path("status").asText());

            // 4. id-only: the focus, no Slot; empty: neither topic nor focus. The same changes, numbered alike.
            List<Event> idOnly = awaitEvents(receiver, subscriptions.get(ID_ONLY), ID_ONLY, total, WAIT);
            assertEquals(numbers(1, total), idOnly.stream().map(Event::number).toList());
            assertEquals(changes.keySet().stream().map(key -> slotUrl(key.split("/")[0])).sorted().toList(),
                    idOnly.stream().map(Event::focus).sorted().toList(), "one event per change, its Slot the focus");
            List<Event> empty = awaitEvents(receiver, subscriptions.get(EMPTY), EMPTY, total, WAIT);
            assertEquals(numbers(1, total), empty.stream().map(Event::number).toList());
        }
    }

    // --- the changes -------------------------------------------------------------------------

    /** Creates {@code count} free Slots on the Schedule. */
    private List<String> create(int count) throws Exception {
        List<String> created = fixtures.slots(schedule, count, "free", false);
        created.forEach(id -> changes.put(id + "/1", "free"));
        return created;
    }

    /** PUTs the i-th Slot with another status. */
    private void update(List<String> slots, int i, String status) throws Exception {
        record(fixtures.fhir.update("Slot/" + slots.get(i), SystemFixtures.slot(slots.get(i), schedule, i, status, false)));
    }

    /** Books the Slot through POST /Appointment; booking-service's decision turns it busy. */
    private void book(String slot) throws Exception {
        HttpResponse<String> booked = fixtures.bookWhenKnown(slot, "backport-" + slot);
        assertEquals(201, booked.statusCode(), booked.body());
        fixtures.fhir.awaitField("Slot/" + slot, "status", "busy", WAIT);
        record(fixtures.fhir.read("Slot/" + slot));
    }

    private void record(JsonNode slot) {
        changes.put(slot.path("id").asText() + "/" + slot.path("meta").path("versionId").asText(),
                slot.path("status").asText());
    }

    // --- the client's side -------------------------------------------------------------------

    /** The IG's R4 Subscription on the topic, filtered to the practitioner's Slots, with this payload content. */
    private static String topicSubscription(String practitioner, String content, String endpoint) {
        return """
                {"resourceType": "Subscription",
                 "meta": {"profile": ["%1$sbackport-subscription"]},
                 "status": "requested", "reason": "Slots of %2$s",
                 "criteria": "%3$s",
                 "_criteria": {"extension": [{"url": "%1$sbackport-filter-criteria",
                                              "valueString": "Slot?schedule.actor=%2$s"}]},
                 "channel": {"extension": [{"url": "%1$sbackport-timeout", "valueUnsignedInt": 30},
                                           {"url": "%1$sbackport-max-count", "valuePositiveInt": 1}],
                   "type": "rest-hook", "endpoint": "%4$s", "header": ["%5$s"], "payload": "application/fhir+json",
                   "_payload": {"extension": [{"url": "%1$sbackport-payload-content", "valueCode": "%6$s"}]}}}
                """.formatted(IG, practitioner, TOPIC, endpoint, CHANNEL_HEADER, content);
    }

    private void assertHandshake(Received request, String subscription, String content) {
        Bundle bundle = notification(request, subscription);
        Parameters status = statusOf(bundle);
        assertEquals("handshake", value(status, "type"), request.bodyText());
        assertEquals("requested", value(status, "status"), request.bodyText());
        assertEquals("0", value(status, "events-since-subscription-start"), request.bodyText());
        assertEquals(EMPTY.equals(content) ? null : TOPIC, value(status, "topic"), request.bodyText());
        assertEquals(List.of(), eventsOf(bundle, content), "a handshake has no events: " + request.bodyText());
    }

    /**
     * The events of the notifications the endpoint took (2xx), the handshake first, each checked as
     * a notification of {@code content}; at least {@code count} of them, waiting up to {@code timeout}.
     */
    private List<Event> awaitEvents(WebhookReceiver receiver, String subscription, String content, long count,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> taken = takenEvents(receiver, subscription, content);
        while (taken.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            taken = takenEvents(receiver, subscription, content);
        }
        assertEquals(count, taken.size(), "/" + content + " took " + taken.size() + " of " + count + " events: "
                + WebhookReceiver.describe(receiver.requests("/" + content)));
        return taken;
    }

    private List<Event> takenEvents(WebhookReceiver receiver, String subscription, String content) {
        List<Received> taken = receiver.requests("/" + content).stream().filter(r -> r.answered() / 100 == 2).toList();
        List<Event> events = new ArrayList<>();
        for (Received request : taken.subList(Math.min(1, taken.size()), taken.size())) { // after the handshake
            Bundle bundle = notification(request, subscription);
            Parameters status = statusOf(bundle);
            assertEquals("event-notification", value(status, "type"), request.bodyText());
            assertEquals("active", value(status, "status"), request.bodyText());
            assertEquals(EMPTY.equals(content) ? null : TOPIC, value(status, "topic"), request.bodyText());
            List<Event> listed = eventsOf(bundle, content);
            assertEquals(1, listed.size(), "one event per notification: " + request.bodyText());
            assertEquals(Long.toString(listed.get(0).number()), value(status, "events-since-subscription-start"),
                    "the event's number is the count so far: " + request.bodyText());
            events.add(listed.get(0));
        }
        return events;
    }

    /** A POST as the IG's R4 notification: the headers, a strictly parsed history Bundle, the Bundle id as webhook-id. */
    private static Bundle notification(Received request, String subscription) {
        assertEquals("POST", request.method());
        WebhookHeaders.assertHeaders(request, subscription, CHANNEL_HEADER);
        Bundle bundle = strictly(request.bodyText());
        assertEquals(Bundle.BundleType.HISTORY, bundle.getType(), request.bodyText());
        assertEquals(request.header("webhook-id"), bundle.getIdElement().getIdPart(), "webhook-id is the Bundle id");
        assertSubscription(statusOf(bundle), subscription);
        return bundle;
    }

    /**
     * The events a history Bundle lists, each with its Slot entry when {@code content} is
     * full-resource (the entries after the status Parameters, in event order), checked against the content.
     */
    private List<Event> eventsOf(Bundle bundle, String content) {
        List<ParametersParameterComponent> listed = statusOf(bundle).getParameter().stream()
                .filter(p -> "notification-event".equals(p.getName())).toList();
        List<BundleEntryComponent> slots = bundle.getEntry().subList(1, bundle.getEntry().size());
        assertEquals(FULL_RESOURCE.equals(content) ? listed.size() : 0, slots.size(), "Slot entries for " + content + ": "
                + R4.newJsonParser().encodeResourceToString(bundle));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            ParametersParameterComponent event = listed.get(i);
            long number = Long.parseLong(part(event, "event-number").primitiveValue());
            assertTrue(part(event, "timestamp") != null, "an event has its timestamp");
            Reference focus = (Reference) part(event, "focus");
            assertEquals(EMPTY.equals(content), focus == null, "a focus unless empty: event " + number);
            Slot slot = null;
            if (FULL_RESOURCE.equals(content)) {
                BundleEntryComponent entry = slots.get(i);
                assertTrue(entry.getResource() instanceof Slot, "a Slot entry: " + entry.getResource());
                slot = (Slot) entry.getResource();
                assertEquals(focus.getReference(), entry.getFullUrl(), "the Slot entry is the focus");
                assertEquals(slotUrl(slot.getIdElement().getIdPart()), entry.getFullUrl());
            }
            events.add(new Event(number, focus == null ? null : focus.getReference(), slot));
        }
        return events;
    }

    /**
     * The events are numbered {@code first}, first + 1, ... and are these changes, each once, each
     * Slot at the version and with the status that change gave it; a Slot's changes in the order made.
     */
    private void assertEventsAre(List<String> expected, List<Event> events, long first) {
        assertEquals(numbers(first, first + events.size() - 1), events.stream().map(Event::number).toList(),
                "numbered without gaps or repeats");
        List<String> heard = events.stream().map(Event::slotVersion).toList();
        assertEquals(expected.stream().sorted().toList(), heard.stream().sorted().toList(), "each change once");
        for (Event event : events) {
            assertEquals(changes.get(event.slotVersion()), event.slot().getStatus().toCode(), "Slot/" + event.slotVersion());
        }
        Map<String, Long> lastVersion = new LinkedHashMap<>();
        for (Event event : events) {
            long version = Long.parseLong(event.slot().getMeta().getVersionId());
            Long before = lastVersion.put(event.slot().getIdElement().getIdPart(), version);
            assertTrue(before == null || before < version, "Slot/" + event.slotVersion() + " after version " + before);
        }
    }

    /** Polls {@code $status} until it counts {@code expected} events (the numbering is asynchronous); it must not count more. */
    private Parameters awaitStatusCount(String subscription, long expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> answer = fixtures.fhir.exchange("GET", "Subscription/" + subscription + "/$status", null);
            assertEquals(200, answer.statusCode(), answer.body());
            Bundle bundle = strictly(answer.body());
            assertEquals(Bundle.BundleType.SEARCHSET, bundle.getType(), answer.body());
            Parameters status = statusOf(bundle);
            long count = Long.parseLong(value(status, "events-since-subscription-start"));
            if (count >= expected || System.nanoTime() > deadline) {
                assertEquals(expected, count, "$status counts every change: " + answer.body());
                return status;
            }
            Thread.sleep(100);
        }
    }

    /** GET {@code $events} with this query: a strictly parsed history Bundle. */
    private Bundle events(String subscription, String query) throws Exception {
        HttpResponse<String> answer = fixtures.fhir.exchange("GET", "Subscription/" + subscription + "/$events?" + query, null);
        assertEquals(200, answer.statusCode(), "$events?" + query + ": " + answer.body());
        Bundle bundle = strictly(answer.body());
        assertEquals(Bundle.BundleType.HISTORY, bundle.getType(), answer.body());
        assertSubscription(statusOf(bundle), subscription);
        return bundle;
    }

    private String slotUrl(String slotId) {
        return fixtures.stack.fhirBase() + "Slot/" + slotId;
    }

    private static void awaitRefused(WebhookReceiver receiver, String path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.requests(path).stream().noneMatch(r -> r.answered() == 503)) {
            assertFalse(System.nanoTime() > deadline, path + " was not sent a notification while it refused: "
                    + WebhookReceiver.describe(receiver.requests(path)));
            Thread.sleep(50);
        }
    }

    private static Bundle strictly(String body) {
        try {
            return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Bundle.class, body);
        } catch (DataFormatException e) {
            throw new AssertionError("a strict R4 parser refuses it: " + e.getMessage() + "\n" + body, e);
        }
    }

    /** The first entry: the IG's backport-subscription-status-r4 Parameters. */
    private static Parameters statusOf(Bundle bundle) {
        Resource first = bundle.getEntryFirstRep().getResource();
        assertTrue(first instanceof Parameters, "the status Parameters first: " + first);
        return (Parameters) first;
    }

    private static void assertSubscription(Parameters status, String subscription) {
        ParametersParameterComponent named = status.getParameter().stream().filter(p -> "subscription".equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no subscription parameter"));
        assertTrue(((Reference) named.getValue()).getReference().endsWith("/Subscription/" + subscription),
                ((Reference) named.getValue()).getReference());
    }

    /** A parameter's primitive value, or null when it is absent. */
    private static String value(Parameters parameters, String name) {
        List<ParametersParameterComponent> named = parameters.getParameter().stream()
                .filter(p -> name.equals(p.getName())).toList();
        assertTrue(named.size() <= 1, "at most one " + name);
        return named.isEmpty() ? null : named.get(0).getValue().primitiveValue();
    }

    private static Type part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(ParametersParameterComponent::getValue).orElse(null);
    }

    /** "number slotId/version" per event. */
    private static List<String> numberedVersions(List<Event> events) {
        return events.stream().map(e -> e.number() + " " + e.slotVersion()).toList();
    }

    private static List<Long> numbers(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
