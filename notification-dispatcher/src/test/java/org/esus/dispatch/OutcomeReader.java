package org.esus.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.EventJson;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;

/** Plays subscription-service: reads every outcome on esus.delivery.outcomes, from the beginning. */
final class OutcomeReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, DeliveryOutcome> outcomes = new ConcurrentHashMap<>();

    OutcomeReader() {
        this(KafkaBroker.bootstrapServers());
    }

    OutcomeReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_OUTCOMES, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    DeliveryOutcome await(String notificationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outcomes.containsKey(notificationId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No outcome for notification " + notificationId + " within " + timeout);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                DeliveryOutcome outcome = EventJson.read(record.value(), DeliveryOutcome.class);
                outcomes.put(outcome.notificationId(), outcome);
            }
        }
        return outcomes.get(notificationId);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
