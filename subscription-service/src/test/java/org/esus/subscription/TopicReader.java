package org.esus.subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.esus.common.events.EventJson;
import org.esus.testsupport.KafkaBroker;

/** Reads one topic from the beginning, as a downstream consumer would, and keeps what it saw. */
public final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Class<T> type;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String topic, Class<T> type) {
        this.type = type;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Records with this key (values parsed; null for tombstones), after waiting for {@code expected} or the timeout. */
    public List<T> valuesOf(String key, int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> records = recordsOf(key, expected, timeout);
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            values.add(record.value() == null ? null : EventJson.read(record.value(), type));
        }
        return values;
    }

    public List<ConsumerRecord<String, String>> recordsOf(String key, int expected, Duration timeout) {
        return records(r -> key.equals(r.key()), expected, timeout);
    }

    /** Every record read, after waiting for {@code expected} or the timeout. */
    public List<ConsumerRecord<String, String>> records(int expected, Duration timeout) {
        return records(r -> true, expected, timeout);
    }

    private List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> filter, int expected,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        } while (seen.stream().filter(filter).count() < expected && System.nanoTime() < deadline);
        return seen.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
