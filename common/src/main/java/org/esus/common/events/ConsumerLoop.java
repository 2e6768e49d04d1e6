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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A consumer-group member on one thread. At least once ({@link #ConsumerLoop}): each polled batch
 * is handed to the handler, and its offsets are committed only after the handler returned.
 * Exactly once ({@link #transactional}): a batch's output records and its consumed offsets are one
 * Kafka transaction, so a failed send or a crash repeats nothing that read_committed consumers see.
 * When the handler or the broker fails, the consumer is closed and reopened, so processing resumes
 * at the last committed offset and nothing is skipped.
 */
public final class ConsumerLoop {

    /** Processes one batch; throwing makes the batch (and what follows) be consumed again. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, String>> records) throws Exception;
    }

    /** Turns one batch into the records to produce, in the batch's transaction. */
    @FunctionalInterface
    public interface BatchTransform {
        List<ProducerRecord<String, String>> apply(List<ConsumerRecord<String, String>> records);
    }

    /** One batch's processing and the commit of its offsets. */
    @FunctionalInterface
    private interface BatchStep {
        void process(KafkaConsumer<String, String> consumer, ConsumerRecords<String, String> records) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String topic;
    private final Properties config;
    private final BatchStep step;
    private final BooleanSupplier ready;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param ready polled before consuming starts (the matcher waits for its subscription view)
     */
    public ConsumerLoop(String bootstrapServers, String groupId, String topic, String autoOffsetReset,
            BatchHandler handler, BooleanSupplier ready) {
        this(bootstrapServers, groupId, topic, autoOffsetReset, ready, (consumer, records) -> {
            handler.handle(toList(records));
            consumer.commitSync(nextOffsets(records));
        });
    }

    /**
     * Consume, transform, produce exactly once: each batch's records from {@code transform} are sent
     * through {@code publisher} with the batch's offsets ({@code sendOffsetsToTransaction}, fenced by
     * the consumer group's generation), committed together or aborted together.
     */
    public static ConsumerLoop transactional(String bootstrapServers, String groupId, String topic, String autoOffsetReset,
            TransactionalBatchPublisher publisher, BatchTransform transform, BooleanSupplier ready) {
        return new ConsumerLoop(bootstrapServers, groupId, topic, autoOffsetReset, ready,
                (consumer, records) -> publisher.inTransaction(transaction -> {
                    transform.apply(toList(records)).forEach(transaction::send);
                    transaction.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
                }));
    }

    private ConsumerLoop(String bootstrapServers, String groupId, String topic, String autoOffsetReset,
            BooleanSupplier ready, BatchStep step) {
        this.topic = topic;
        this.step = step;
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
                    step.process(opened, records);
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
