package org.esus.booking;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.testsupport.KafkaBroker;

/**
 * Publishes Slot events on esus.slot.events the way slot-service's outbox relay does, so the
 * claim store learns of slots without slot-service running. The end-to-end test runs the real
 * slot-service instead.
 */
public final class SlotFeed implements AutoCloseable {

    public static final String PRACTITIONER = "Practitioner/feed";

    private final KafkaProducer<String, String> producer;

    public SlotFeed() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** A new slot with this status; returns its id. */
    public String create(String status, boolean overbooked) {
        String id = UUID.randomUUID().toString();
        publish(id, 1, ChangeType.CREATED, status, overbooked, null);
        return id;
    }

    /** A scheduler's change of the slot (not the echo of a claim decision). */
    public void update(String id, long version, String status, boolean overbooked) {
        publish(id, version, ChangeType.UPDATED, status, overbooked, null);
    }

    public void delete(String id, long version) {
        publish(id, version, ChangeType.DELETED, "free", false, null);
    }

    private void publish(String id, long version, ChangeType type, String status, boolean overbooked, String decision) {
        Instant start = Instant.parse("2026-12-07T09:00:00Z");
        ObjectNode slot = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Slot").put("id", id).put("status", status)
                .put("start", start.toString()).put("end", start.plusSeconds(900).toString())
                .put("overbooked", overbooked);
        slot.putObject("schedule").put("reference", "Schedule/feed");
        SlotChanged event = new SlotChanged(UUID.randomUUID().toString(), type, id, version, "feed",
                List.of(PRACTITIONER), Instant.now(), slot, decision, null);
        try {
            producer.send(new ProducerRecord<>(Topics.SLOT_EVENTS, id, EventJson.write(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish the slot event", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
