package org.esus.subscription.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.esus.common.events.TransactionalBatchPublisher;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to esus.subscriptions (key subscription id) in outbox order, each batch as
 * one Kafka transaction ({@link TransactionalBatchPublisher}), marking rows published only after
 * the broker committed them: a change committed before a crash is sent
 * on the next start (invariant 3 for Subscriptions; the compacted topic is what every matcher
 * replica reads). A re-send after a crash between send and mark is harmless: the state carries
 * its version. One replica relays at a time (an advisory lock) so states stay in order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by the replicas of subscription-service. */
    private static final long RELAY_LOCK = 0x6573757353L;
    private static final String SELECT_PENDING = "SELECT seq, topic, message_key, payload FROM outbox_event"
            + " WHERE published_at IS NULL ORDER BY seq LIMIT ?";
    private static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = now() WHERE seq = ANY (?)";
    private static final String PURGE = "DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => ?)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionalBatchPublisher publisher;

    @ConfigProperty(name = "esus.outbox.batch-size")
    int batchSize;

    @ConfigProperty(name = "esus.outbox.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "esus.outbox.retention")
    Duration retention;

    /** A permit per commit that wrote the outbox: the worker wakes at once instead of at the next poll. */
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private long lastPurge;

    void onStart(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::run, "subscription-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUps.release();
        if (worker != null) {
            worker.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
        wakeUps.release();
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                int count = relayBatch();
                purgeNowAndThen();
                backoffMs = 0;
                if (count < batchSize) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                backoffMs = Math.min(5_000, Math.max(200, backoffMs * 2));
                LOG.warnf("Subscription outbox relay could not publish (%s: %s); retrying in %d ms",
                        e.getClass().getSimpleName(), e.getMessage(), backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!holdsRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Long> sequences = new ArrayList<>();
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
                    select.setInt(1, batchSize);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            sequences.add(rows.getLong(1));
                            records.add(new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getString(4)));
                        }
                    }
                }
                if (!sequences.isEmpty()) {
                    publisher.publish(records); // one Kafka transaction: all visible, in order, or none
                    try (PreparedStatement mark = connection.prepareStatement(MARK_PUBLISHED)) {
                        Array array = connection.createArrayOf("bigint", sequences.toArray());
                        mark.setArray(1, array);
                        mark.executeUpdate();
                    }
                }
                connection.commit();
                return sequences.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean holdsRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void purgeNowAndThen() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < 60_000) {
            return;
        }
        lastPurge = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setDouble(1, retention.toSeconds());
            purge.executeUpdate();
        }
    }
}
