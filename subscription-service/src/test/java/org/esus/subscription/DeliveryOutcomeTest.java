package org.esus.subscription;

import static org.esus.subscription.Fixtures.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.DeliveryOutcome.Outcome;
import org.esus.common.events.EventJson;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * esus.delivery.outcomes: FAILED turns a Subscription to error, the next DELIVERED back to active;
 * a requested (topic-based) one turns active on its first DELIVERED, error on a FAILED.
 */
@QuarkusTest
class DeliveryOutcomeTest {

    @Test
    void aFailedDeliveryTurnsTheSubscriptionToErrorAndADeliveredOneBack() throws Exception {
        String id = Fixtures.create(Fixtures.subscription("Slot?status=free", "https://hooks.example.org/outcome", null));
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), id, Outcome.FAILED, 6,
                    "HTTP 500 from the endpoint after 6 attempts", Instant.now()));
            Eventually.asserted(Duration.ofSeconds(20), () -> api().get("/fhir/Subscription/" + id).then()
                    .statusCode(200).body("status", equalTo("error"))
                    .body("error", equalTo("HTTP 500 from the endpoint after 6 attempts"))
                    .body("meta.versionId", equalTo("2")));

            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), id, Outcome.DELIVERED, 1, null, Instant.now()));
            Eventually.asserted(Duration.ofSeconds(20), () -> api().get("/fhir/Subscription/" + id).then()
                    .statusCode(200).body("status", equalTo("active")).body("error", nullValue())
                    .body("meta.versionId", equalTo("3")));

            // DELIVERED on an active subscription changes nothing; an unknown subscription is ignored
            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), id, Outcome.DELIVERED, 1, null, Instant.now()));
            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Outcome.FAILED, 6,
                    "gone", Instant.now()));
            Thread.sleep(1_000);
            api().get("/fhir/Subscription/" + id).then().body("meta.versionId", equalTo("3"));
        }
    }

    @Test
    void aRequestedTopicSubscriptionTurnsActiveOnADeliveryAndErrorOnAFailure() throws Exception {
        String confirmed = Fixtures.create(Fixtures.topicSubscription("https://hooks.example.org/handshake-ok"));
        String refused = Fixtures.create(Fixtures.topicSubscription("https://hooks.example.org/handshake-refused"));
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), confirmed, Outcome.DELIVERED, 1, null, Instant.now()));
            send(producer, new DeliveryOutcome(UUID.randomUUID().toString(), refused, Outcome.FAILED, 10,
                    "HTTP 404 from the endpoint", Instant.now()));
            Eventually.asserted(Duration.ofSeconds(20), () -> api().get("/fhir/Subscription/" + confirmed).then()
                    .statusCode(200).body("status", equalTo("active")).body("meta.versionId", equalTo("2")));
            Eventually.asserted(Duration.ofSeconds(20), () -> api().get("/fhir/Subscription/" + refused).then()
                    .statusCode(200).body("status", equalTo("error")).body("error", equalTo("HTTP 404 from the endpoint")));
        }
        try (TopicReader<SubscriptionState> topic = new TopicReader<>(Topics.SUBSCRIPTIONS, SubscriptionState.class)) {
            SubscriptionState active = topic.valuesOf(confirmed, 2, Duration.ofSeconds(20)).get(1);
            assertEquals("active", active.status());
            assertEquals("Slot?schedule.actor=Practitioner/123", active.criteria());
            assertEquals(new Backport(Fixtures.TOPIC, Backport.FULL_RESOURCE, 60, 30, 1), active.backport());
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, String> producer, DeliveryOutcome outcome) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DELIVERY_OUTCOMES, outcome.subscriptionId(), EventJson.write(outcome))).get();
    }
}
