package org.esus.subscription;

import static org.esus.subscription.Fixtures.BACKPORT_IG;
import static org.esus.subscription.Fixtures.TOPIC;
import static org.esus.subscription.Fixtures.api;
import static org.esus.subscription.Fixtures.assertStoredNothing;
import static org.esus.subscription.Fixtures.refused;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * Topic-based Subscriptions of the Subscriptions R5 Backport IG (R4 profile): validation of the
 * topic, filter and channel extensions, what is stored and published on esus.subscriptions, and
 * the requested status the handshake turns active.
 */
@QuarkusTest
class BackportSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImplementationGuidesExampleIsStoredRequestedWithItsExtensions() throws Exception {
        String endpoint = endpoint();
        String id = api().body(Fixtures.topicSubscription(endpoint)).post("/fhir/Subscription").then().statusCode(201)
                .body("status", equalTo("requested")).body("meta.versionId", equalTo("1"))
                .extract().path("id");
        JsonNode sent = JSON.readTree(Fixtures.topicSubscription(endpoint));
        JsonNode read = JSON.readTree(api().get("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("requested")).extract().asString());
        assertEquals(sent.get("criteria"), read.get("criteria"));
        assertEquals(sent.get("_criteria"), read.get("_criteria"));
        assertEquals(sent.get("meta").get("profile"), read.get("meta").get("profile"));
        assertEquals(sent.get("channel").get("extension"), read.get("channel").get("extension"));
        assertEquals(sent.get("channel").get("_payload"), read.get("channel").get("_payload"));

        SubscriptionState state = published(id, 1).get(0);
        assertEquals("requested", state.status());
        assertEquals("Slot?schedule.actor=Practitioner/123", state.criteria());
        assertEquals(endpoint, state.endpoint());
        assertTrue(state.payload());
        assertEquals(new Backport(TOPIC, Backport.FULL_RESOURCE, 60, 30, 1), state.backport());
    }

    @Test
    void withoutTheOptionalExtensionsTheDefaultsApply() {
        Consumer<ObjectNode> withoutExtensions = subscription -> {
            subscription.remove("_criteria");
            ObjectNode channel = (ObjectNode) subscription.get("channel");
            channel.remove("extension");
            channel.remove("_payload");
        };
        String withMimeType = Fixtures.create(topicSubscription(endpoint(), withoutExtensions));
        SubscriptionState state = published(withMimeType, 1).get(0);
        assertEquals("Slot", state.criteria(), "no filter: every Slot change");
        assertEquals(new Backport(TOPIC, Backport.ID_ONLY, 0, 0, 1), state.backport());

        String withoutMimeType = Fixtures.create(topicSubscription(endpoint(),
                withoutExtensions.andThen(subscription -> channel(subscription).remove("payload"))));
        state = published(withoutMimeType, 1).get(0);
        assertEquals(Backport.EMPTY, state.backport().content());
        assertTrue(state.payload(), "content empty still POSTs the notification Bundle");
    }

    @Test
    void aLargerMaxCountIsStoredAsTheOneEventEachNotificationCarries() {
        String id = Fixtures.create(topicSubscription(endpoint(),
                subscription -> channelExtension(subscription, "backport-max-count").put("valuePositiveInt", 50)));
        api().get("/fhir/Subscription/" + id).then().statusCode(200)
                .body("channel.extension.find { it.url.endsWith('backport-max-count') }.valuePositiveInt", equalTo(1));
        assertEquals(1, published(id, 1).get(0).backport().maxCount());
    }

    @Test
    void itStaysRequestedUntilItsHandshakeAndIsFoundByStatusAndUrl() {
        String endpoint = endpoint();
        String id = Fixtures.create(topicSubscription(endpoint, subscription -> subscription.put("status", "active")));
        api().get("/fhir/Subscription/" + id).then().body("status", equalTo("requested"));
        api().get("/fhir/Subscription?status=requested&url=" + endpoint).then().statusCode(200)
                .body("total", equalTo(1)).body("entry[0].resource.id", equalTo(id))
                .body("entry[0].resource.criteria", equalTo(TOPIC));

        api().body(update(id, endpoint, "active")).put("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("requested"));
        api().body(update(id, endpoint, "off")).put("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("off"));
        // Back on, it needs a new handshake: the endpoint may have gone since.
        api().body(update(id, endpoint, "active")).put("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("requested"));
        api().body(update(id, endpoint, "error")).put("/fhir/Subscription/" + id).then().statusCode(422);

        List<SubscriptionState> states = published(id, 4);
        assertEquals(List.of("requested", "requested", "off", "requested"),
                states.stream().map(SubscriptionState::status).toList());
        assertEquals(new Backport(TOPIC, Backport.FULL_RESOURCE, 60, 30, 1), states.get(3).backport());
    }

    @Test
    void invalidTopicSubscriptionsAreRefusedAndNothingIsStored() {
        String endpoint = endpoint();
        // the kind: a topic this server does not have
        for (String criteria : List.of(TOPIC + "-v2", "http://esus.org/fhir/SubscriptionTopic/slot-changes",
                "urn:uuid:" + UUID.randomUUID(), "HTTPS://example.org/topic")) {
            refused(topicSubscription(endpoint, subscription -> subscription.put("criteria", criteria)), 422)
                    .body("issue[0].code", equalTo("not-supported"))
                    .body("issue[0].diagnostics", containsString(TOPIC));
        }
        // the filter
        refused(topicSubscription(endpoint, subscription -> ((ArrayNode) subscription.get("_criteria").get("extension"))
                .addObject().put("url", BACKPORT_IG + "backport-filter-criteria").put("valueString", "Slot?status=free")), 422)
                .body("issue[0].code", equalTo("not-supported"));
        refused(withFilter(endpoint, "Slot?start=ge2030-01-01"), 400)
                .body("issue[0].diagnostics", containsString("schedule.actor, schedule, status, _id"));
        for (String filter : List.of("Slot?colour=blue", "Slot?status=free&_count=10", "Slot?_sort=start",
                "Slot?status:not=free", "Slot?identifier=x", "Appointment?status=booked", "Slot?_id=%zz", "")) {
            refused(withFilter(endpoint, filter), 400);
        }
        refused(topicSubscription(endpoint, subscription -> replaceValue(
                (ObjectNode) subscription.get("_criteria").get("extension").get(0), "valueCode", "Slot?status=free")), 400);
        // payload content and MIME type
        refused(withPayloadContent(endpoint, content -> content.put("valueCode", "everything")), 400)
                .body("issue[0].diagnostics", containsString("id-only"));
        refused(withPayloadContent(endpoint, content -> replaceValue(content, "valueString", "id-only")), 400);
        refused(topicSubscription(endpoint, subscription -> channel(subscription).put("payload", "application/xml")), 422);
        // heartbeat period, timeout, max count
        refused(withChannelValue(endpoint, "backport-heartbeat-period", "valueUnsignedInt", 86_401), 400);
        refused(withChannelValue(endpoint, "backport-heartbeat-period", "valueUnsignedInt", -1), 400);
        refused(withChannelValue(endpoint, "backport-heartbeat-period", "valueInteger", 60), 400);
        refused(withChannelValue(endpoint, "backport-timeout", "valueUnsignedInt", 0), 400);
        refused(withChannelValue(endpoint, "backport-timeout", "valueUnsignedInt", 121), 400)
                .body("issue[0].diagnostics", containsString("120"));
        refused(withChannelValue(endpoint, "backport-max-count", "valuePositiveInt", 0), 400);
        refused(withChannelValue(endpoint, "backport-max-count", "valueUnsignedInt", 1), 400);
        refused(topicSubscription(endpoint, subscription -> ((ArrayNode) channel(subscription).get("extension"))
                .addObject().put("url", BACKPORT_IG + "backport-timeout").put("valueUnsignedInt", 10)), 400);
        // status, as for every Subscription
        refused(topicSubscription(endpoint, subscription -> subscription.put("status", "error")), 422);
        assertStoredNothing(endpoint);
    }

    @Test
    void theBoundsAreAccepted() {
        String id = Fixtures.create(topicSubscription(endpoint(), subscription -> {
            channelExtension(subscription, "backport-heartbeat-period").put("valueUnsignedInt", 86_400);
            channelExtension(subscription, "backport-timeout").put("valueUnsignedInt", 120);
            ((ObjectNode) subscription.get("_criteria").get("extension").get(0))
                    .put("valueString", "Slot?_id=a,b&schedule=s1&schedule.actor=Practitioner/1&status=free,busy");
        }));
        SubscriptionState state = published(id, 1).get(0);
        assertEquals(new Backport(TOPIC, Backport.FULL_RESOURCE, 86_400, 120, 1), state.backport());
        assertEquals("Slot?_id=a,b&schedule=s1&schedule.actor=Practitioner/1&status=free,busy", state.criteria());
        assertNull(state.secret());
    }

    private static String endpoint() {
        return "https://hooks.example.org/backport-" + UUID.randomUUID();
    }

    private static String topicSubscription(String endpoint, Consumer<ObjectNode> change) {
        try {
            ObjectNode subscription = (ObjectNode) JSON.readTree(Fixtures.topicSubscription(endpoint));
            change.accept(subscription);
            return subscription.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String update(String id, String endpoint, String status) {
        return topicSubscription(endpoint, subscription -> subscription.put("id", id).put("status", status));
    }

    private static String withFilter(String endpoint, String filter) {
        return topicSubscription(endpoint, subscription -> ((ObjectNode) subscription.get("_criteria").get("extension").get(0))
                .put("valueString", filter));
    }

    private static String withPayloadContent(String endpoint, Consumer<ObjectNode> change) {
        return topicSubscription(endpoint, subscription -> change.accept(
                (ObjectNode) channel(subscription).get("_payload").get("extension").get(0)));
    }

    private static String withChannelValue(String endpoint, String extension, String valueType, int value) {
        return topicSubscription(endpoint, subscription -> {
            ObjectNode found = channelExtension(subscription, extension);
            found.removeAll();
            found.put("url", BACKPORT_IG + extension).put(valueType, value);
        });
    }

    /** The extension with another value[x]: the same text under another type. */
    private static void replaceValue(ObjectNode extension, String valueType, String value) {
        String url = extension.get("url").asText();
        extension.removeAll();
        extension.put("url", url).put(valueType, value);
    }

    private static ObjectNode channel(ObjectNode subscription) {
        return (ObjectNode) subscription.get("channel");
    }

    private static ObjectNode channelExtension(ObjectNode subscription, String name) {
        for (JsonNode extension : channel(subscription).get("extension")) {
            if (extension.get("url").asText().equals(BACKPORT_IG + name)) {
                return (ObjectNode) extension;
            }
        }
        throw new IllegalArgumentException("no " + name + " extension in the example");
    }

    private static List<SubscriptionState> published(String id, int expected) {
        try (TopicReader<SubscriptionState> topic = new TopicReader<>(Topics.SUBSCRIPTIONS, SubscriptionState.class)) {
            List<SubscriptionState> states = topic.valuesOf(id, expected, Duration.ofSeconds(20));
            assertEquals(expected, states.size(), "states published for Subscription/" + id);
            return states;
        }
    }
}
