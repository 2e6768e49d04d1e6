package org.esus.subscription.numbering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.esus.common.events.EventJson;
import org.esus.common.events.JsonSerde;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.events.Topics;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event numbering (TopologyTestDriver): gap-free numbers per Subscription, and the Backport IG's Bundles. */
class NumberingTopologyTest {

    private static final String BASE = "https://esus.example.org/fhir";
    private static final String TOPIC = "https://esus.org/fhir/SubscriptionTopic/slot-changes";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final FhirContext R4 = FhirContext.forR4Cached();

    private TopologyTestDriver driver;
    private TestInputTopic<String, NotificationRequested> matches;
    private TestOutputTopic<String, NotificationRequested> notifications;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "numbering-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(NumberingTopology.build(new HistoryBundles(BASE), Duration.ofSeconds(1)), config, NOW);
        matches = driver.createInputTopic(Topics.MATCHES, Serdes.String().serializer(),
                JsonSerde.of(NotificationRequested.class).serializer());
        notifications = driver.createOutputTopic(Topics.NOTIFICATIONS, Serdes.String().deserializer(),
                JsonSerde.of(NotificationRequested.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachSubscriptionsEventsAreNumberedFromOneWithoutGapsAndTheSeedBundlePassesUnchanged() {
        NotificationRequested seedA = seed("a", 1);
        matches.pipeInput("a", seedA);
        matches.pipeInput("b", seed("b", 1));
        matches.pipeInput("a", seed("a", 2));
        matches.pipeInput("b", seed("b", 2));
        matches.pipeInput("a", seed("a", 3));

        List<NotificationRequested> out = notifications.readValuesToList();
        assertEquals(List.of(1L, 1L, 2L, 2L, 3L), out.stream().map(NotificationRequested::eventNumber).toList());
        assertEquals(List.of("a", "b", "a", "b", "a"), out.stream().map(NotificationRequested::subscriptionId).toList());
        assertEquals(EventJson.write(seedA.bundle()), EventJson.write(out.get(0).bundle()), "the seed's Bundle, byte for byte");
        assertEquals(3L, driver.<String, Long>getKeyValueStore(NumberingTopology.COUNTS).get("a"));
    }

    @Test
    void aFullResourceNotificationIsAnR4HistoryBundleWithTheStatusFirstAndTheSlot() {
        matches.pipeInput("s", topicBased("s", 1, Backport.FULL_RESOURCE));
        matches.pipeInput("s", topicBased("s", 2, Backport.FULL_RESOURCE));
        List<NotificationRequested> out = notifications.readValuesToList();

        Bundle second = strictlyParsed(out.get(1).bundle());
        assertEquals(Bundle.BundleType.HISTORY, second.getType());
        assertEquals(out.get(1).notificationId(), second.getIdElement().getIdPart());
        Parameters status = (Parameters) second.getEntryFirstRep().getResource();
        assertEquals(BASE + "/Subscription/s", ((Reference) value(status, "subscription")).getReference());
        assertEquals(TOPIC, value(status, "topic").primitiveValue());
        assertEquals("active", value(status, "status").primitiveValue());
        assertEquals("event-notification", value(status, "type").primitiveValue());
        assertEquals("2", value(status, "events-since-subscription-start").primitiveValue());
        ParametersParameterComponent event = parameter(status, "notification-event");
        assertEquals("2", part(event, "event-number").primitiveValue());
        assertEquals(BASE + "/Slot/slot-1", ((Reference) part(event, "focus")).getReference());
        assertEquals("GET", second.getEntryFirstRep().getRequest().getMethod().toCode());
        assertEquals(BASE + "/Subscription/s/$status", second.getEntryFirstRep().getRequest().getUrl());

        BundleEntryComponent slot = second.getEntry().get(1);
        assertEquals("slot-1", ((Slot) slot.getResource()).getIdElement().getIdPart());
        assertEquals("PUT", slot.getRequest().getMethod().toCode());
        assertEquals("200", slot.getResponse().getStatus());
        assertEquals("POST", strictlyParsed(out.get(0).bundle()).getEntry().get(1).getRequest().getMethod().toCode(),
                "version 1 of a Slot was created");
        assertTrue(out.get(1).resource() == null || out.get(1).resource().isNull(), "the Slot travels in the Bundle only");
    }

    @Test
    void aDeletedSlotIsAnEntryWithADeleteRequestAndNoResource() {
        matches.pipeInput("x", topicBased("x", 3, Backport.FULL_RESOURCE, ChangeType.DELETED));
        Bundle bundle = strictlyParsed(notifications.readValue().bundle());
        BundleEntryComponent deleted = bundle.getEntry().get(1);
        assertEquals("DELETE", deleted.getRequest().getMethod().toCode());
        assertEquals("Slot/slot-1", deleted.getRequest().getUrl());
        assertFalse(deleted.hasResource());
    }

    @Test
    void idOnlyNamesTheFocusWithoutTheSlotAndEmptyNamesNeither() {
        matches.pipeInput("i", topicBased("i", 1, Backport.ID_ONLY));
        matches.pipeInput("e", topicBased("e", 1, Backport.EMPTY));
        List<NotificationRequested> out = notifications.readValuesToList();

        Bundle idOnly = strictlyParsed(out.get(0).bundle());
        assertEquals(1, idOnly.getEntry().size());
        Parameters idOnlyStatus = (Parameters) idOnly.getEntryFirstRep().getResource();
        assertEquals(BASE + "/Slot/slot-1", ((Reference) part(parameter(idOnlyStatus, "notification-event"), "focus")).getReference());
        assertEquals(TOPIC, value(idOnlyStatus, "topic").primitiveValue());

        Bundle empty = strictlyParsed(out.get(1).bundle());
        assertEquals(1, empty.getEntry().size());
        Parameters emptyStatus = (Parameters) empty.getEntryFirstRep().getResource();
        assertFalse(emptyStatus.hasParameter("topic"), "the IG: no topic with empty payloads");
        ParametersParameterComponent event = parameter(emptyStatus, "notification-event");
        assertTrue(event.getPart().stream().noneMatch(p -> p.getName().equals("focus")));
        assertEquals("1", part(event, "event-number").primitiveValue());
    }

    @Test
    void aHandshakeIsNotAnEventAndStatesTheCountSoFar() {
        matches.pipeInput("h", handshake("h"));
        matches.pipeInput("h", topicBased("h", 1, Backport.ID_ONLY));
        matches.pipeInput("h", topicBased("h", 2, Backport.ID_ONLY));
        matches.pipeInput("h", handshake("h")); // e.g. a re-sent handshake after an update
        List<NotificationRequested> out = notifications.readValuesToList();

        assertEquals(List.of(0L, 1L, 2L, 0L), out.stream().map(NotificationRequested::eventNumber).toList());
        Parameters first = (Parameters) strictlyParsed(out.get(0).bundle()).getEntryFirstRep().getResource();
        assertEquals("handshake", value(first, "type").primitiveValue());
        assertEquals("requested", value(first, "status").primitiveValue());
        assertEquals("0", value(first, "events-since-subscription-start").primitiveValue());
        assertFalse(first.hasParameter("notification-event"));
        Parameters last = (Parameters) strictlyParsed(out.get(3).bundle()).getEntryFirstRep().getResource();
        assertEquals("2", value(last, "events-since-subscription-start").primitiveValue());
        assertEquals(NOW, strictlyParsed(out.get(3).bundle()).getTimestamp().toInstant(), "a handshake is stamped when made");
    }

    @Test
    void anActiveSubscriptionWithAHeartbeatPeriodIsSentHeartbeatsWhenIdleOnly() {
        matches.pipeInput("hb", settings("hb", "active", 10));
        matches.pipeInput("hb", topicBased("hb", 1, Backport.ID_ONLY));
        notifications.readValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(9));
        assertTrue(notifications.isEmpty(), "not idle for the period yet");
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        NotificationRequested heartbeat = notifications.readValue();
        assertEquals(NotificationRequested.HEARTBEAT, heartbeat.type());
        assertEquals(0, heartbeat.eventNumber());
        Parameters status = (Parameters) strictlyParsed(heartbeat.bundle()).getEntryFirstRep().getResource();
        assertEquals("heartbeat", value(status, "type").primitiveValue());
        assertEquals("1", value(status, "events-since-subscription-start").primitiveValue());
        assertFalse(status.hasParameter("notification-event"));

        driver.advanceWallClockTime(Duration.ofSeconds(5));
        matches.pipeInput("hb", topicBased("hb", 2, Backport.ID_ONLY)); // an event restarts the idle time
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertEquals(List.of(NotificationRequested.EVENT_NOTIFICATION),
                notifications.readValuesToList().stream().map(NotificationRequested::type).toList());
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertEquals(NotificationRequested.HEARTBEAT, notifications.readValue().type());

        matches.pipeInput("hb", settings("hb", "off", 10)); // turned off: no more heartbeats
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertTrue(notifications.isEmpty());
    }

    @Test
    void aDeletedSubscriptionsCountIsForgotten() {
        matches.pipeInput("d", seed("d", 1));
        matches.pipeInput("d", (NotificationRequested) null);
        assertNull(driver.<String, Long>getKeyValueStore(NumberingTopology.COUNTS).get("d"));
        assertEquals(1, notifications.readValuesToList().size(), "a tombstone is not forwarded");
    }

    private static NotificationRequested seed(String subscription, long version) {
        String id = UUID.randomUUID().toString();
        JsonNode bundle = EventJson.tree("{\"resourceType\":\"Bundle\",\"id\":\"" + id + "\",\"type\":\"notification\","
                + "\"entry\":[{\"fullUrl\":\"" + BASE + "/Slot/slot-1\",\"resource\":" + slot(version) + "}]}");
        return new NotificationRequested(id, subscription, UUID.randomUUID().toString(), "slot-1", version,
                NOW.minusSeconds(10), "https://hooks.example.org/x", List.of(), true, null, bundle);
    }

    private static NotificationRequested topicBased(String subscription, long version, String content) {
        return topicBased(subscription, version, content, version == 1 ? ChangeType.CREATED : ChangeType.UPDATED);
    }

    private static NotificationRequested topicBased(String subscription, long version, String content, ChangeType change) {
        return new NotificationRequested(UUID.randomUUID().toString(), subscription, UUID.randomUUID().toString(), "slot-1",
                version, NOW.minusSeconds(10), "https://hooks.example.org/x", List.of(), true, null, null,
                NotificationRequested.EVENT_NOTIFICATION, 0, new Backport(TOPIC, content, 0, 0, 1), "active",
                EventJson.tree(slot(version)), change);
    }

    private static NotificationRequested handshake(String subscription) {
        return new NotificationRequested(UUID.randomUUID().toString(), subscription, null, null, 0, NOW,
                "https://hooks.example.org/x", List.of(), true, null, null, NotificationRequested.HANDSHAKE, 0,
                new Backport(TOPIC, Backport.ID_ONLY, 0, 0, 1), "requested", null, null);
    }

    private static NotificationRequested settings(String subscription, String status, long heartbeatSeconds) {
        return new NotificationRequested(UUID.randomUUID().toString(), subscription, null, null, 0, NOW,
                "https://hooks.example.org/x", List.of(), true, null, null, NotificationRequested.SETTINGS, 0,
                new Backport(TOPIC, Backport.ID_ONLY, heartbeatSeconds, 0, 1), status, null, null);
    }

    private static String slot(long version) {
        return "{\"resourceType\":\"Slot\",\"id\":\"slot-1\",\"meta\":{\"versionId\":\"" + version + "\"},"
                + "\"schedule\":{\"reference\":\"Schedule/sched-1\"},\"status\":\"free\","
                + "\"start\":\"2026-12-08T09:00:00Z\",\"end\":\"2026-12-08T09:15:00Z\"}";
    }

    /** As an R4 client reads it: HAPI FHIR's parser, failing on anything it does not know. */
    private static Bundle strictlyParsed(JsonNode bundle) {
        return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, EventJson.write(bundle));
    }

    private static ParametersParameterComponent parameter(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private static org.hl7.fhir.r4.model.Type value(Parameters parameters, String name) {
        return parameter(parameters, name).getValue();
    }

    private static org.hl7.fhir.r4.model.Type part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name)).getValue();
    }
}
