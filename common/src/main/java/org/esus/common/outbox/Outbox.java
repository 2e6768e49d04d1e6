package org.esus.common.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends records to the outbox table ({@code outbox_event}) inside the caller's JTA transaction,
 * so a record exists exactly when its change committed (invariant 3); {@link OutboxRelay} publishes
 * them. Records are buffered per transaction and written in one JDBC batch just before commit (a
 * bulk Bundle of 1,000 slots costs one round trip, not 1,000). Callers must already hold the row
 * lock of whatever each key names: the outbox sequence then follows commit order per key.
 *
 * <p>A bean of the services that set {@code esus.outbox.enabled=true} (read at build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "esus.outbox.enabled", stringValue = "true")
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox_event (event_id, topic, message_key, payload) VALUES (?::uuid, ?, ?, ?)";
    private static final Object BUFFER_KEY = new Object();

    private record Row(String topic, String key, String eventId, String payload) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<OutboxWritten> written;

    /**
     * Adds a record to publish on {@code topic} with key {@code key} once the caller's transaction
     * commits. {@code eventId}: a UUID, also sent as the {@code esus-event-id} header;
     * {@code payload}: the JSON value, or null for a tombstone. Throws when there is no transaction.
     */
    public void add(String topic, String key, String eventId, String payload) {
        // The check of @Transactional(MANDATORY), without an interceptor on every record of a bulk write.
        if (transactions.getTransactionKey() == null) {
            throw new TransactionalException("The outbox is written inside the caller's transaction",
                    new TransactionRequiredException());
        }
        buffer().add(new Row(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(eventId, "eventId"), payload));
    }

    @SuppressWarnings("unchecked")
    private List<Row> buffer() {
        List<Row> buffer = (List<Row>) transactions.getResource(BUFFER_KEY);
        if (buffer == null) {
            List<Row> created = new ArrayList<>();
            transactions.putResource(BUFFER_KEY, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    write(created);
                }

                @Override
                public void afterCompletion(int status) {
                    // the relay learns of the commit through OutboxWritten's transactional observer
                }
            });
            written.fire(OutboxWritten.INSTANCE);
            buffer = created;
        }
        return buffer;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // The transaction's enlisted connection: Agroal hands the same one to Hibernate and to us.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                insert.setString(1, row.eventId());
                insert.setString(2, row.topic());
                insert.setString(3, row.key());
                insert.setString(4, row.payload());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the outbox", e);
        }
    }
}
