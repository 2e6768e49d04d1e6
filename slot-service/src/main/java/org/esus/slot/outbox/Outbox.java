package org.esus.slot.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.Topics;

/**
 * Appends SlotChanged events to the outbox table inside the caller's transaction, so an event
 * exists exactly when its change committed (invariant 3). Events are buffered per transaction
 * and written in one JDBC batch just before commit (a bulk Bundle of 1,000 slots costs one
 * round trip, not 1,000). Callers must already hold the row lock of every slot they change:
 * the outbox sequence then follows commit order per slot.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox_event (event_id, topic, message_key, payload) VALUES (?::uuid, ?, ?, ?)";
    private static final Object BUFFER_KEY = new Object();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<OutboxWritten> written;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<SlotChanged> events) {
        if (!events.isEmpty()) {
            buffer().addAll(events);
        }
    }

    @SuppressWarnings("unchecked")
    private List<SlotChanged> buffer() {
        List<SlotChanged> buffer = (List<SlotChanged>) transactions.getResource(BUFFER_KEY);
        if (buffer == null) {
            List<SlotChanged> created = new ArrayList<>();
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

    private void write(List<SlotChanged> events) {
        if (events.isEmpty()) {
            return;
        }
        // The transaction's enlisted connection: Agroal hands the same one to Hibernate and to us.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (SlotChanged event : events) {
                insert.setString(1, event.eventId());
                insert.setString(2, Topics.SLOT_EVENTS);
                insert.setString(3, event.slotId());
                insert.setString(4, EventJson.write(event));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the outbox", e);
        }
    }
}
