package org.esus.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;

/** Plays the matcher: produces NotificationRequested records to esus.notifications. */
final class NotificationFeed implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    NotificationFeed() {
        this(KafkaBroker.bootstrapServers());
    }

    NotificationFeed(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** A notification of a fresh Slot change for the subscription, with the Bundle of CONTRACT section 6. */
    static NotificationRequested notification(String subscriptionId, String endpoint, boolean payload, String secret,
            List<String> headers) {
        String notificationId = UUID.randomUUID().toString();
        String slotId = UUID.randomUUID().toString();
        Instant occurredAt = Instant.now();
        JsonNode bundle = EventJson.tree("""
                {"resourceType":"Bundle","id":"%s","type":"notification","timestamp":"%s",
                 "entry":[{"fullUrl":"http://localhost:8080/fhir/Slot/%s",
                           "resource":{"resourceType":"Slot","id":"%s","status":"busy",
                                       "start":"2026-04-21T09:00:00Z","end":"2026-04-21T09:15:00Z"}}]}
                """.formatted(notificationId, occurredAt, slotId, slotId));
        return new NotificationRequested(notificationId, subscriptionId, UUID.randomUUID().toString(), slotId, 2,
                occurredAt, endpoint, headers, payload, secret, bundle);
    }

    static NotificationRequested notification(String subscriptionId, String endpoint) {
        return notification(subscriptionId, endpoint, true, null, List.of());
    }

    void send(NotificationRequested notification) throws Exception {
        producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS, notification.subscriptionId(),
                EventJson.write(notification))).get();
    }

    /** To one partition, whatever the key hashes to: tests of head-of-line blocking need two keys on one. */
    void send(int partition, NotificationRequested notification) throws Exception {
        producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS, partition, notification.subscriptionId(),
                EventJson.write(notification))).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
