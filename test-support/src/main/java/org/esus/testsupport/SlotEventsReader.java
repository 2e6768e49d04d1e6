package org.esus.testsupport;

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
import org.esus.common.events.SlotChanged;
import org.esus.common.events.Topics;

/** Reads esus.slot.events from the beginning, as a downstream consumer would. */
public final class SlotEventsReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<SlotChanged> seen = new ArrayList<>();

    public SlotEventsReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLOT_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Events of one slot, in topic order, after waiting until {@code expected} arrived (or time ran out). */
    public List<SlotChanged> eventsOf(String slotId, int expected, Duration timeout) {
        Predicate<SlotChanged> ofSlot = e -> e.slotId().equals(slotId);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.stream().filter(ofSlot).count() < expected && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return seen.stream().filter(ofSlot).toList();
    }

    /** Keeps reading for a while, so a test can assert nothing more arrives. */
    public void drainFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            SlotChanged event = EventJson.read(record.value(), SlotChanged.class);
            if (!record.key().equals(event.slotId())) {
                throw new AssertionError("record key " + record.key() + " is not the slot id " + event.slotId());
            }
            seen.add(event);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
