package org.esus.booking.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventJson;
import org.esus.common.events.EventRecords;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.Topics;
import org.jboss.logging.Logger;
import org.esus.common.events.KafkaConnection;

/**
 * The reply half of booking's request/reply: reads every partition of esus.slot.claims
 * (read_committed, no consumer group, from the end) and completes the waiting request whose
 * command id the decision answers. Every replica reads every decision, so whichever replica
 * sent a command finds its answer, however the partitions of the stream tasks are spread.
 */
@ApplicationScoped
public class DecisionListener {

    private static final Logger LOG = Logger.getLogger(DecisionListener.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Map<String, CompletableFuture<SlotClaimDecision>> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;
    private Thread worker;

    void onStart(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.putAll(KafkaConnection.of(bootstrapServers)); // TLS/SASL settings included
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "booking-decisions");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLOT_CLAIMS, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now: decisions to requests sent later come after it
        running = true;
        worker = new Thread(this::run, "booking-decisions");
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

    /** Registers interest in the decision answering {@code commandId}; call before sending it. */
    public CompletableFuture<SlotClaimDecision> expect(String commandId) {
        CompletableFuture<SlotClaimDecision> future = new CompletableFuture<>();
        waiting.put(commandId, future);
        future.whenComplete((d, e) -> waiting.remove(commandId));
        return future;
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        complete(record);
                    }
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    // requests waiting meanwhile time out with 503; the listener itself must live on
                    LOG.warnf("Reading decisions failed, retrying: %s", e.getMessage());
                    pause();
                }
            }
        } catch (WakeupException stopping) {
            // shutdown
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void complete(ConsumerRecord<String, String> record) {
        if (waiting.isEmpty() || record.value() == null) {
            return;
        }
        // every replica reads every decision: bind only those a request here waits for
        String id = EventJson.leadingText(record.value(), "decisionId");
        if (id != null && !waiting.containsKey(id)) {
            return;
        }
        SlotClaimDecision decision = EventRecords.read(record, SlotClaimDecision.class);
        CompletableFuture<SlotClaimDecision> future = decision == null ? null : waiting.get(decision.decisionId());
        if (future != null) {
            future.complete(decision);
        }
    }
}
