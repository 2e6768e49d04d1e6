package org.esus.common.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.TransactionalBatchPublisher;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox ({@link Outbox}) to Kafka in outbox order (seq), each batch as one Kafka
 * transaction ({@link TransactionalBatchPublisher}: a batch that fails is invisible as a whole,
 * so a retry cannot put an event behind later ones of its key), and marks the rows published only
 * after the broker committed them, so nothing is lost when the service dies between commit and
 * publish: unpublished rows are simply sent on the next start (invariant 3). A death after the
 * send but before the mark re-publishes the same records (same event id, in the
 * {@code esus-event-id} header; a state carries its version): consumers deduplicate. One replica
 * relays at a time (a PostgreSQL advisory lock, {@code esus.outbox.lock-key}, taken per batch
 * transaction), because two relays could interleave one key's records.
 *
 * <p>Woken after each commit that wrote the outbox ({@link OutboxWritten}), else every
 * {@code esus.outbox.poll-interval}; up to {@code esus.outbox.batch-size} rows a batch; on a
 * failure (broker or database away) it backs off from 200 ms to 5 s and tries again. Published
 * rows are deleted {@code esus.outbox.retention} after publishing. Metrics:
 * {@code esus.outbox.published} (counter) and {@code esus.outbox.pending} (the backlog).
 *
 * <p>A bean of the services that set {@code esus.outbox.enabled=true} (read at build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "esus.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    static final String EVENT_ID_HEADER = "esus-event-id";
    static final long MIN_BACKOFF_MS = 200;
    static final long MAX_BACKOFF_MS = 5_000;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long PURGE_EVERY_MS = 60_000;
    private static final long STOP_WAIT_MS = TimeUnit.SECONDS.toMillis(15);
    private static final String SELECT_PENDING = "SELECT seq, event_id::text, topic, message_key, payload FROM outbox_event"
            + " WHERE published_at IS NULL ORDER BY seq LIMIT ?";
    private static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = now() WHERE seq = ANY (?)";
    private static final String PURGE = "DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => ?)";
    private static final String COUNT_PENDING = "SELECT count(*) FROM outbox_event WHERE published_at IS NULL";

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

    /** Advisory lock key, shared by a service's replicas; differs between services sharing a database. */
    @ConfigProperty(name = "esus.outbox.lock-key")
    long lockKey;

    /** A permit per commit that wrote the outbox: the worker wakes at once instead of at the next poll. */
    private final Semaphore wakeUps = new Semaphore(0);
    /** Notified by {@link #stop()}: a worker backing off stops waiting. */
    private final Object stopping = new Object();
    private volatile Thread worker;
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
        wakeUps.release();
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Thread thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /**
     * Stops relaying; a batch in flight completes first (waiting up to 15 s). Committed records
     * wait in the table. A worker that outlives the wait stops after its batch, even if
     * {@link #start()} has started another meanwhile.
     */
    public synchronized void stop() {
        Thread current = worker;
        if (current == null) {
            return;
        }
        worker = null;
        wakeUps.release();
        synchronized (stopping) {
            stopping.notifyAll();
        }
        try {
            current.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean running() {
        return worker == Thread.currentThread();
    }

    private void run() {
        long backoffMs = 0;
        while (running()) {
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
                backoffMs = nextBackoffMs(backoffMs);
                LOG.warnf("Outbox relay could not publish (%s: %s); retrying in %d ms",
                        e.getClass().getSimpleName(), e.getMessage(), backoffMs);
                if (!backOff(backoffMs)) {
                    return;
                }
            }
        }
    }

    /** The wait after the failure that follows one of {@code previousMs}: doubling, from 200 ms up to 5 s. */
    static long nextBackoffMs(long previousMs) {
        return Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, previousMs * 2));
    }

    /** Waits {@code ms} unless stopped; false when interrupted. */
    private boolean backOff(long ms) {
        try {
            synchronized (stopping) {
                if (running()) {
                    stopping.wait(ms);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Publishes one batch of pending records; returns how many. */
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
                            records.add(record(rows.getString(3), rows.getString(4), rows.getString(2), rows.getString(5)));
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
                rollbackAfter(connection, e);
                throw e;
            }
        }
    }

    /** The Kafka record of an outbox row; a null payload is a tombstone. */
    static ProducerRecord<String, String> record(String topic, String key, String eventId, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        record.headers().add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * Rolls back after {@code failure} without hiding it: when the connection was lost the
     * rollback fails too, and the log should name the first cause.
     */
    private static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    private boolean holdsRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
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
        if (now - lastPurge < PURGE_EVERY_MS) {
            return;
        }
        lastPurge = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setDouble(1, retention.toSeconds());
            purge.executeUpdate();
        }
    }

    private double pendingEvents() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT_PENDING);
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
