package org.esus.common.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A consumer-group member on one thread with at-least-once processing: each polled batch is
 * handed to the handler, and its offsets are committed only after the handler returned (for the
 * matcher: after the broker acknowledged every notification). When the handler or the broker
 * fails, the consumer is closed and reopened, so processing resumes at the last committed offset
 * and nothing is skipped.
 */
public final class ConsumerLoop {

    /** Processes one batch; throwing makes the batch (and what follows) be consumed again. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, String>> records) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String topic;
    private final Properties config;
    private final BatchHandler handler;
    private final BooleanSupplier ready;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param ready polled before consuming starts (the matcher waits for its subscription view)
     */
    public ConsumerLoop(String bootstrapServers, String groupId, String topic, String autoOffsetReset,
            BatchHandler handler, BooleanSupplier ready) {
        this.topic = topic;
        this.handler = handler;
        this.ready = ready;
        config = new Properties();
        config.putAll(KafkaConnection.of(bootstrapServers)); // TLS/SASL settings included
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    /** Sets a consumer property before {@link #start}, e.g. a shorter session timeout. */
    public ConsumerLoop with(String property, Object value) {
        config.put(property, value);
        return this;
    }

    public synchronized void start(String threadName) {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** True once {@link #stop} was called: a handler that waits can give up its batch. */
    public boolean stopping() {
        return !running;
    }

    /** Leaves the group (so a partner replica takes over at once) after the batch in hand. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running && !ready.getAsBoolean()) {
            pause(50);
        }
        long backoffMs = 0;
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(config)) {
                consumer = opened;
                opened.subscribe(List.of(topic));
                while (running) {
                    ConsumerRecords<String, String> records = opened.poll(Duration.ofMillis(200));
                    if (records.isEmpty()) {
                        continue;
                    }
                    handler.handle(toList(records));
                    opened.commitSync(nextOffsets(records));
                    backoffMs = 0;
                }
            } catch (WakeupException e) {
                // stop() asked us to leave
            } catch (Exception e) {
                if (!running) {
                    break; // a handler that gave up its batch because the loop stops: consumed again next time
                }
                backoffMs = Math.min(5_000, Math.max(200, backoffMs * 2));
                LOG.warnf("Consumer of %s failed (%s: %s); resuming from the committed offsets in %d ms",
                        topic, e.getClass().getSimpleName(), e.getMessage(), backoffMs);
                pause(backoffMs);
            } finally {
                consumer = null;
            }
        }
    }

    private static List<ConsumerRecord<String, String>> toList(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new java.util.ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> ofPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
