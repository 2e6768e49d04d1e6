package org.esus.subscription;

import static org.esus.subscription.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.subscription.matcher.SubscriptionIndex;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/**
 * {@code $status} and {@code $events} answer from the numbering's log: a client that missed events
 * learns how many there were and fetches exactly those, in order, as an R4 client parses them.
 */
@QuarkusTest
class SubscriptionEventsTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Inject
    SubscriptionIndex index;

    @Test
    void statusCountsTheEventsAndEventsReplaysAnyRangeOfThemInOrder() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String subscription = Fixtures.create(Fixtures.subscription("Slot?schedule.actor=" + practitioner,
                "https://hooks.example.org/events", null));
        Eventually.until(Duration.ofSeconds(20), () -> index.contains(subscription, 1));
        String slotId = UUID.randomUUID().toString();
        int changes = 150; // more than one indexed stretch of the log
        try (SlotEventPublisher slots = new SlotEventPublisher();
                TopicReader<NotificationRequested> notifications = new TopicReader<>(Topics.NOTIFICATIONS,
                        NotificationRequested.class)) {
            for (int version = 1; version <= changes; version++) {
                slots.publish(SlotEventPublisher.event(slotId, version, version == 1 ? ChangeType.CREATED : ChangeType.UPDATED,
                        version % 2 == 0 ? "busy" : "free", practitioner));
            }
            List<NotificationRequested> sent = notifications.valuesOf(subscription, changes, Duration.ofSeconds(60));
            assertEquals(changes, sent.size());
            assertEquals(List.of(1L, 2L, 150L), List.of(sent.get(0).eventNumber(), sent.get(1).eventNumber(),
                    sent.get(149).eventNumber()));
        }

        Bundle status = parsed(api().get("/fhir/Subscription/" + subscription + "/$status").then().statusCode(200)
                .extract().asString());
        Parameters statusParameters = (Parameters) status.getEntryFirstRep().getResource();
        assertEquals("query-status", value(statusParameters, "type"));
        assertEquals("150", value(statusParameters, "events-since-subscription-start"));
        assertEquals("active", value(statusParameters, "status"));

        Bundle missed = parsed(api().get("/fhir/Subscription/" + subscription + "/$events?eventsSinceNumber=118&eventsUntilNumber=123")
                .then().statusCode(200).extract().asString());
        Parameters missedStatus = (Parameters) missed.getEntryFirstRep().getResource();
        assertEquals("query-event", value(missedStatus, "type"));
        assertEquals(List.of("118", "119", "120", "121", "122", "123"), eventNumbers(missedStatus));
        // A criteria Subscription's events replay with their Slots, each at the version of its event.
        List<Long> versions = missed.getEntry().stream().skip(1).map(e -> Long.parseLong(
                ((Slot) e.getResource()).getMeta().getVersionId())).toList();
        assertEquals(List.of(118L, 119L, 120L, 121L, 122L, 123L), versions);

        Bundle idOnly = parsed(api().get("/fhir/Subscription/" + subscription + "/$events?eventsSinceNumber=149&content=id-only")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("149", "150"), eventNumbers((Parameters) idOnly.getEntryFirstRep().getResource()));
        assertEquals(1, idOnly.getEntry().size(), "id-only: the status Parameters and no Slot");

        Bundle beyond = parsed(api().get("/fhir/Subscription/" + subscription + "/$events?eventsSinceNumber=151")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of(), eventNumbers((Parameters) beyond.getEntryFirstRep().getResource()));
    }

    @Test
    void badRangesAndUnknownSubscriptionsAreRefused() {
        String subscription = Fixtures.create(Fixtures.subscription("Slot?status=free", "https://hooks.example.org/ev-bad", null));
        for (String query : List.of("eventsSinceNumber=abc", "eventsSinceNumber=0", "eventsSinceNumber=5&eventsUntilNumber=4",
                "content=everything")) {
            api().get("/fhir/Subscription/" + subscription + "/$events?" + query).then().statusCode(400)
                    .body("resourceType", equalTo("OperationOutcome"));
        }
        api().get("/fhir/Subscription/" + UUID.randomUUID() + "/$status").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        api("system/Slot.rs").get("/fhir/Subscription/" + subscription + "/$status").then().statusCode(403);
    }

    private static Bundle parsed(String body) {
        return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Bundle.class, body);
    }

    private static String value(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name)).getValue().primitiveValue();
    }

    private static List<String> eventNumbers(Parameters parameters) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals("notification-event"))
                .map(SubscriptionEventsTest::eventNumber).toList();
    }

    private static String eventNumber(ParametersParameterComponent event) {
        return event.getPart().stream().filter(p -> p.getName().equals("event-number")).findFirst()
                .orElseThrow().getValue().primitiveValue();
    }
}
