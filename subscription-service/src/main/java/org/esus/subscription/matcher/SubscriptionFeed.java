package org.esus.subscription.matcher;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventJson;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.Topics;
import org.jboss.logging.Logger;
import org.esus.common.events.KafkaConnection;

/**
 * Keeps {@link SubscriptionIndex} current by reading the compacted topic esus.subscriptions from
 * the beginning (no consumer group: every replica reads every partition) and then following it.
 * The topic carries every committed change of every replica in commit order per subscription,
 * so this one path serves changes made here and elsewhere alike, and a restart rebuilds the
 * same view. The matcher starts only once the feed has caught up with the end offsets it saw
 * at start, so no event is matched against a half-loaded view.
 */
@ApplicationScoped
public class SubscriptionFeed {

    private static final Logger LOG = Logger.getLogger(SubscriptionFeed.class);

    @Inject
    SubscriptionIndex index;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "subscription-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** True once every Subscription committed before this replica started is in the index. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(config())) {
                consumer = opened;
                List<TopicPartition> partitions = opened.partitionsFor(Topics.SUBSCRIPTIONS, Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + Topics.SUBSCRIPTIONS + " does not exist yet");
                }
                opened.assign(partitions);
                opened.seekToBeginning(partitions);
                Map<TopicPartition, Long> endAtStart = opened.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : opened.poll(Duration.ofMillis(200))) {
                        apply(record);
                    }
                    if (!caughtUp && endAtStart.entrySet().stream()
                            .allMatch(end -> opened.position(end.getKey()) >= end.getValue())) {
                        caughtUp = true;
                        LOG.infof("Subscription view loaded: %d delivering subscriptions", index.size());
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (Exception e) {
                // Re-reading from the beginning is safe: the index ignores versions it already holds.
                LOG.warnf("Reading %s failed (%s: %s); reading it again", Topics.SUBSCRIPTIONS,
                        e.getClass().getSimpleName(), e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            index.delete(record.key());
            return;
        }
        try {
            index.apply(EventJson.read(record.value(), SubscriptionState.class));
        } catch (RuntimeException e) {
            LOG.errorf("Skipping an unreadable %s record for key %s: %s", Topics.SUBSCRIPTIONS, record.key(), e.getMessage());
        }
    }

    private Properties config() {
        Properties props = new Properties();
        props.putAll(KafkaConnection.of(bootstrapServers)); // TLS/SASL settings included
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
