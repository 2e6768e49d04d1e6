package org.esus.subscription.numbering;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;
import org.esus.common.events.EventJson;
import org.esus.common.events.KafkaConnection;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.Topics;
import org.esus.subscription.numbering.HistoryBundles.Event;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A Subscription's numbered events, for {@code $status} and {@code $events}: its count from the
 * numbering's store, and its events read back from esus.matches (the Kafka log, kept for the
 * topic's retention) from the nearest indexed position. Both live with the stream task that numbers
 * the Subscription; {@link #owner} says which replica that is.
 */
@ApplicationScoped
public class SubscriptionEventLog {

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Consumers of esus.matches between two {@code $events} calls (one call uses one at a time). */
    private final BlockingQueue<KafkaConsumer<String, String>> idleConsumers = new ArrayBlockingQueue<>(4);

    /** Empty when this replica numbers the Subscription, else the replica that does. */
    public Optional<HostInfo> owner(String subscriptionId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(NumberingTopology.COUNTS, subscriptionId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw unavailable();
        }
        int partition = metadata.partition();
        // Asked of the local threads, not by comparing host names: the test port is not the configured one.
        boolean here = streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .anyMatch(task -> task.taskId().partition() == partition);
        return here ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    /** Events numbered so far for the Subscription (0 before its first). */
    public long count(String subscriptionId) {
        Long count = store(NumberingTopology.COUNTS, Long.class).get(subscriptionId);
        return count == null ? 0 : count;
    }

    /**
     * The Subscription's events numbered {@code since} to {@code until}, at most {@code max}, in order;
     * fewer when the oldest have passed esus.matches' retention.
     */
    public List<Event> events(String subscriptionId, long since, long until, int max) {
        Map.Entry<Long, EventPosition> start = nearestIndexed(subscriptionId, since);
        List<Event> events = new ArrayList<>();
        if (start == null) {
            return events;
        }
        TopicPartition partition = new TopicPartition(Topics.MATCHES, start.getValue().partition());
        KafkaConsumer<String, String> consumer = borrowConsumer();
        boolean healthy = false;
        try {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, start.getValue().offset());
            long number = start.getKey() - 1;
            long last = Math.min(until, since + max - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // endOffsets is the last stable offset for read_committed: an open transaction cannot hold us.
            while (consumer.position(partition) < end && number < last && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    NotificationRequested notification = counted(subscriptionId, record);
                    if (notification == null) {
                        continue;
                    }
                    number++;
                    if (number >= since && number <= last) {
                        events.add(new Event(number, notification.occurredAt(), notification.slotId(),
                                notification.slotVersion(), slotOf(notification), notification.change()));
                    }
                    if (number >= last) {
                        break;
                    }
                }
            }
            healthy = true;
        } finally {
            giveBack(consumer, healthy);
        }
        return events;
    }

    /** An idle consumer, or a new one: making one (metadata, connection) was half of a page's time. */
    private KafkaConsumer<String, String> borrowConsumer() {
        KafkaConsumer<String, String> consumer = idleConsumers.poll();
        return consumer != null ? consumer : new KafkaConsumer<>(consumerConfig());
    }

    private void giveBack(KafkaConsumer<String, String> consumer, boolean healthy) {
        if (healthy) {
            consumer.assign(List.of());
            if (idleConsumers.offer(consumer)) {
                return;
            }
        }
        consumer.close(Duration.ZERO);
    }

    @PreDestroy
    void closeConsumers() {
        for (KafkaConsumer<String, String> consumer = idleConsumers.poll(); consumer != null; consumer = idleConsumers.poll()) {
            consumer.close(Duration.ZERO);
        }
    }

    /** The record as the numbering counted it: one of this Subscription's events, else null. */
    private static NotificationRequested counted(String subscriptionId, ConsumerRecord<String, String> record) {
        if (!subscriptionId.equals(record.key()) || record.value() == null) {
            return null;
        }
        try {
            NotificationRequested notification = EventJson.read(record.value(), NotificationRequested.class);
            return notification.isEvent() ? notification : null;
        } catch (RuntimeException e) {
            return null; // the numbering skipped it too (LogAndContinueExceptionHandler)
        }
    }

    /** A topic-based Subscription's match carries the Slot; a criteria one's, its notification Bundle. */
    private static JsonNode slotOf(NotificationRequested notification) {
        if (notification.resource() != null && notification.resource().isObject()) {
            return notification.resource();
        }
        return notification.bundle() == null ? null : notification.bundle().path("entry").path(0).path("resource");
    }

    private Map.Entry<Long, EventPosition> nearestIndexed(String subscriptionId, long since) {
        ReadOnlyKeyValueStore<String, String> index = store(NumberingTopology.INDEX, String.class);
        try (KeyValueIterator<String, String> below = index.reverseRange(EventPosition.key(subscriptionId, 0),
                EventPosition.key(subscriptionId, Math.max(since, 1)))) {
            if (below.hasNext()) {
                var entry = below.next();
                return Map.entry(EventPosition.number(entry.key), EventPosition.parse(entry.value));
            }
        }
        return null;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> valueType) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw unavailable(); // starting, or moving between replicas
        }
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.putAll(KafkaConnection.of(bootstrapServers));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private static FhirError unavailable() {
        return new FhirError(503, IssueType.TRANSIENT,
                "The Subscription's event log is moving between replicas or starting; retry shortly", 1, null);
    }
}
