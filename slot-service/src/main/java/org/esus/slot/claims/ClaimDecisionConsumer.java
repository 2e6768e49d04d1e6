package org.esus.slot.claims;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.BackendFailures;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.Topics;
import org.esus.slot.domain.SlotService;
import org.jboss.logging.Logger;
import org.esus.common.events.KafkaConnection;

/**
 * Reads booking-service's decisions from esus.slot.claims and applies them to Slot.status
 * through SlotService (and so through the outbox: a booked slot is a SlotChanged like any other).
 * Offsets are committed only after a decision was applied; a re-delivered decision is skipped by
 * the message log, so delivery is effectively once. A decision that cannot be applied because
 * PostgreSQL is away is retried from its offset; one that can never be applied is logged and
 * skipped so it does not block the partition.
 */
@ApplicationScoped
public class ClaimDecisionConsumer {

    private static final Logger LOG = Logger.getLogger(ClaimDecisionConsumer.class);

    @Inject
    SlotService slots;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.claims.group-id", defaultValue = "slot-service-claims")
    String groupId;

    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;
    private Thread worker;

    void onStart(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.putAll(KafkaConnection.of(bootstrapServers)); // TLS/SASL settings included
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        running = true;
        worker = new Thread(this::run, "claim-decisions");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            worker.join(10_000);
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.SLOT_CLAIMS));
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    applyAll(records);
                }
            }
        } catch (WakeupException stopping) {
            // shutdown
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void applyAll(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!apply(record)) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    /** False when the decision must be retried later (a backing service is away). */
    private boolean apply(ConsumerRecord<String, String> record) {
        try {
            slots.applyClaimDecision(EventJson.read(record.value(), SlotClaimDecision.class));
            return true;
        } catch (RuntimeException e) {
            if (BackendFailures.asFhirError(e) != null && BackendFailures.asFhirError(e).status() == 503) {
                LOG.warnf("Claim decision at %s-%d waits: %s", record.topic(), record.offset(), e.getMessage());
                pause();
                return false;
            }
            LOG.errorf(e, "Skipping claim decision at %s-%d that cannot be applied", record.topic(), record.offset());
            return true;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
