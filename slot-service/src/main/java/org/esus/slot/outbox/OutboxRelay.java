package org.esus.slot.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.esus.common.events.TransactionalBatchPublisher;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka (esus.slot.events, key slot id) in outbox order, each batch as one
 * Kafka transaction ({@link TransactionalBatchPublisher}: a batch that fails is invisible as a
 * whole, so a retry cannot put an event behind later ones), and marks the rows published only
 * after the broker committed them, so nothing is lost when the service
 * dies between commit and publish: unpublished rows are simply sent on the next start.
 * A death after the send but before the mark re-publishes the same events (same event id);
 * consumers deduplicate. One replica relays at a time (a PostgreSQL advisory lock), because
 * two relays could interleave one slot's events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: "esus-outbox" folded into a long; any constant shared by replicas works. */
    private static final long RELAY_LOCK = 0x6573757362L;
    private static final String SELECT_PENDING = "SELECT seq, event_id::text, topic, message_key, payload FROM outbox_event"
            + " WHERE published_at IS NULL ORDER BY seq LIMIT ?";
    private static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = now() WHERE seq = ANY (?)";
    private static final String PURGE = "DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => ?)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionalBatchPublisher publisher;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "esus.outbox.batch-size")
    int batchSize;

    @ConfigProperty(name = "esus.outbox.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "esus.outbox.retention")
    Duration retention;

    private final Object wakeUp = new Object();
    private final AtomicLong pendingWakeUps = new AtomicLong();
    private volatile boolean running;
    private Thread worker;
    private Counter published;
    private long lastPurge;

    void onStart(@Observes StartupEvent event) {
        published = registry.counter("esus.outbox.published");
        // What operators watch: a growing backlog means the broker is unreachable or too slow.
        registry.gauge("esus.outbox.pending", this, OutboxRelay::pendingEvents);
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** After a commit that wrote to the outbox: publish now rather than at the next poll. */
    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
        pendingWakeUps.incrementAndGet();
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops relaying; a batch in flight completes first. Committed events wait in the table. */
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
            try {
                worker.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                long wakeUpsBefore = pendingWakeUps.get();
                int count = relayBatch();
                purgeNowAndThen();
                backoffMs = 0;
                if (count < batchSize) {
                    waitForWork(wakeUpsBefore, pollInterval.toMillis());
                }
            } catch (Exception e) {
                backoffMs = Math.min(5_000, Math.max(200, backoffMs * 2));
                LOG.warnf("Outbox relay could not publish (%s: %s); retrying in %d ms",
                        e.getClass().getSimpleName(), e.getMessage(), backoffMs);
                sleep(backoffMs);
            }
        }
    }

    /** Publishes one batch of pending events; returns how many. */
    int relayBatch() throws Exception {
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
                            ProducerRecord<String, String> record =
                                    new ProducerRecord<>(rows.getString(3), rows.getString(4), rows.getString(5));
                            record.headers().add("esus-event-id", rows.getString(2).getBytes(StandardCharsets.UTF_8));
                            records.add(record);
                        }
                    }
                }
                if (sequences.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                publisher.publish(records); // one Kafka transaction: all visible, in order, or none
                markPublished(connection, sequences);
                connection.commit();
                published.increment(sequences.size());
                return sequences.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private double pendingEvents() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
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

    private static void markPublished(Connection connection, List<Long> sequences) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(MARK_PUBLISHED)) {
            Array array = connection.createArrayOf("bigint", sequences.toArray());
            mark.setArray(1, array);
            mark.executeUpdate();
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

    private void waitForWork(long wakeUpsBefore, long timeoutMs) throws InterruptedException {
        synchronized (wakeUp) {
            if (running && pendingWakeUps.get() == wakeUpsBefore) {
                wakeUp.wait(timeoutMs);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
