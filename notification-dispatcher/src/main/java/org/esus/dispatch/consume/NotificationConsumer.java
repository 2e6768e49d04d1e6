package org.esus.dispatch.consume;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.Topics;
import org.esus.dispatch.config.DispatchConfig;
import org.esus.dispatch.metrics.DispatchMetrics;
import org.esus.dispatch.order.DeliveryWorker;
import org.esus.dispatch.order.PendingNotification;
import org.esus.dispatch.order.SubscriptionQueues;
import org.jboss.logging.Logger;
import org.esus.common.events.KafkaConnection;

/**
 * The poll loop: the only thread that touches the KafkaConsumer. It hands each notification to
 * its subscription's queue and never waits for a delivery; after each poll it commits, per
 * partition, up to the lowest offset not yet finished, and pauses partitions that buffer too much.
 * On revocation it commits what is finished and drops the queued work of the revoked partitions
 * (the new owner starts from the committed offset, so nothing unfinished is lost).
 */
@ApplicationScoped
public class NotificationConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DispatchConfig config;

    @Inject
    DeliveryWorker worker;

    @Inject
    DispatchMetrics metrics;

    private final OffsetTracker tracker = new OffsetTracker();
    private SubscriptionQueues queues;
    private KafkaConsumer<String, String> consumer;
    private Thread pollThread;
    private volatile boolean running;
    private volatile boolean polling;
    private long lastCommit;

    void onStart(@Observes StartupEvent event) {
        queues = new SubscriptionQueues(worker::process);
        metrics.queueDepth(tracker::buffered);
        consumer = new KafkaConsumer<>(consumerProperties());
        running = true;
        pollThread = new Thread(this::run, "notification-poll");
        pollThread.start();
    }

    /** Before the outcome producer closes (default observer priority 2500): no new work, final commit. */
    void onStop(@Observes @Priority(10) ShutdownEvent event) throws InterruptedException {
        running = false;
        if (pollThread != null) {
            consumer.wakeup();
            pollThread.join(15_000);
        }
    }

    /** True while the poll loop runs (readiness). */
    public boolean polling() {
        return polling && pollThread.isAlive();
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(KafkaConnection.of(bootstrapServers)); // TLS/SASL settings included
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The matcher publishes in transactions: an aborted batch (its retry follows) must not be delivered.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Incremental rebalances: partitions that stay keep their queues and in-flight deliveries.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.sessionTimeout().toMillis() / 5));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-notifications");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.NOTIFICATIONS), new Rebalance());
            polling = true;
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        accept(record);
                    }
                    commitIfDue();
                    applyBackpressure();
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    LOG.warnf("Polling notifications failed, retrying: %s", e.getClass().getSimpleName());
                    sleep(1_000);
                }
            }
        } catch (WakeupException stopping) {
            // shutdown
        } finally {
            polling = false;
            shutdown();
        }
    }

    private void accept(ConsumerRecord<String, String> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress progress = tracker.assign(partition);
        progress.received(record.offset());
        NotificationRequested notification = null;
        try {
            if (record.value() != null) {
                notification = EventJson.read(record.value(), NotificationRequested.class);
            }
        } catch (RuntimeException malformed) {
            // nothing to deliver: logged by position, never by content
        }
        if (notification == null || notification.subscriptionId() == null || notification.endpoint() == null) {
            LOG.warnf("Skipping unreadable notification at %s-%d@%d", record.topic(), record.partition(), record.offset());
            progress.finished(record.offset());
            return;
        }
        queues.enqueue(new PendingNotification(notification, record.offset(), progress));
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommit < config.commitInterval().toNanos()) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    // the next progress commits again; meanwhile a restart only re-delivers
                    LOG.warnf("Committing notification offsets failed: %s", failure.getClass().getSimpleName());
                }
            });
        }
    }

    private void applyBackpressure() {
        int high = config.maxBufferedPerPartition();
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            int buffered = tracker.buffered(partition);
            if (buffered >= high && !paused.contains(partition)) {
                pause.add(partition);
            } else if (buffered < high / 2 && paused.contains(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            LOG.debugf("Pausing %s: too many notifications buffered", pause);
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void shutdown() {
        try {
            Map<TopicPartition, OffsetAndMetadata> finished = tracker.revoke(consumer.assignment());
            if (!finished.isEmpty()) {
                consumer.commitSync(finished, Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Final commit failed (unfinished notifications will be re-delivered): %s", e.getClass().getSimpleName());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the poll thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tracker::assign);
            LOG.infof("Assigned %s", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> finished = tracker.revoke(partitions);
            try {
                if (!finished.isEmpty()) {
                    consumer.commitSync(finished, Duration.ofSeconds(5));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Commit on revocation failed (the new owner re-delivers): %s", e.getClass().getSimpleName());
            }
            LOG.infof("Revoked %s", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.revoke(partitions); // another replica owns them already: nothing of ours may be committed
            LOG.infof("Lost %s", partitions);
        }
    }
}
