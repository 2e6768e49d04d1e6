package org.esus.subscription;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.esus.common.fhir.FhirJson;
import org.esus.common.search.SlotFacts;
import org.hl7.fhir.r4.model.Slot;
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
 * Publishes SlotChanged events on esus.slot.events the way slot-service's outbox relay does, so
 * the matcher is tested without slot-service running.
 */
public final class SlotEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public SlotEventPublisher() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** An event for a slot of a Schedule whose actor is {@code practitioner}. */
    public static SlotChanged event(String slotId, long version, ChangeType type, String status, String practitioner) {
        Instant start = Instant.parse("2026-12-07T09:00:00Z");
        ObjectNode slot = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Slot").put("id", slotId).put("status", status)
                .put("start", start.toString()).put("end", start.plusSeconds(900).toString());
        slot.putObject("meta").put("versionId", Long.toString(version));
        slot.putObject("schedule").put("reference", "Schedule/sched-" + practitioner.hashCode());
        return new SlotChanged(UUID.randomUUID().toString(), type, slotId, version, "sched-" + practitioner.hashCode(),
                List.of(practitioner), Instant.now(), slot, null,
                SlotFacts.of(FhirJson.parse(slot.toString(), Slot.class), List.of(practitioner)));
    }

    public void publish(SlotChanged event) {
        try {
            producer.send(new ProducerRecord<>(Topics.SLOT_EVENTS, event.slotId(), EventJson.write(event))).get();
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
