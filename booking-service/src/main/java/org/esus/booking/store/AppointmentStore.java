package org.esus.booking.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Appointment rows, one short transaction per step: no transaction is open while a request waits
 * for the broker. Booked rows are only ever inserted with ON CONFLICT DO NOTHING, so the request
 * and the appointment projection can both try and exactly one row results.
 */
@ApplicationScoped
public class AppointmentStore {

    @Inject
    AgroalDataSource dataSource;

    private static final String INSERT_BOOKED = """
            INSERT INTO appointment (id, identifier_key, state, status, deleted, version_id, created_at, last_updated,
                                     start_at, end_at, slot_ids, actors, resource)
            SELECT ?, ?, 'BOOKED', ?, false, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE clock_timestamp() < ?
            ON CONFLICT DO NOTHING""";
    private static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

    /** One unit of JDBC work on a connection of the pool. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Inserts a booked row, unless an appointment with its id or identifier exists, or
     * {@code writeBy} has passed (then the appointment projection owns the claim's outcome: it
     * acts only on claims older than every request's deadline, so the two never both decide).
     * Returns true when this call inserted it. One statement, in autocommit.
     */
    public boolean insertBooked(AppointmentEntity row, Instant writeBy) {
        return jdbc("Writing the booked appointment", false, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BOOKED)) {
                bindBooked(insert, connection, row, writeBy);
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** Inserts the rows that do not exist yet, in one transaction: the projection's group commit. */
    public int insertMissing(List<AppointmentEntity> rows) {
        return jdbc("Writing the granted appointments", true, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BOOKED)) {
                for (AppointmentEntity row : rows) {
                    bindBooked(insert, connection, row, NO_DEADLINE);
                    insert.addBatch();
                }
                return Arrays.stream(insert.executeBatch()).sum();
            }
        });
    }

    private static void bindBooked(PreparedStatement insert, Connection connection, AppointmentEntity row, Instant writeBy)
            throws SQLException {
        insert.setObject(1, row.id);
        insert.setString(2, row.identifierKey);
        insert.setString(3, row.status);
        insert.setLong(4, row.versionId);
        insert.setObject(5, utc(row.createdAt));
        insert.setObject(6, utc(row.lastUpdated));
        insert.setObject(7, utc(row.start));
        insert.setObject(8, utc(row.end));
        insert.setArray(9, connection.createArrayOf("text", row.slotIds));
        insert.setArray(10, connection.createArrayOf("text", row.actors));
        insert.setString(11, row.resource);
        insert.setObject(12, utc(writeBy));
    }

    /** CANCELLING → CANCELLED once the release was decided; false when it was not CANCELLING any more. */
    public boolean markReleased(UUID id) {
        return jdbc("Recording the release", false, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE appointment SET state = 'CANCELLED' WHERE id = ? AND state = 'CANCELLING'")) {
                update.setObject(1, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Plain JDBC, without a JTA transaction and a Hibernate session around it: the write path's
     * statements are few and known. {@code transaction}: run the work in one transaction (rolled
     * back when it throws) instead of autocommit. A failure of the database surfaces with its
     * SQLException as the cause, which the error mappers answer with 503 while PostgreSQL is away.
     */
    private <T> T jdbc(String what, boolean transaction, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!transaction) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Transactional
    public Optional<AppointmentEntity> find(UUID id) {
        return AppointmentEntity.findByIdOptional(id);
    }

    @Transactional
    public Optional<AppointmentEntity> findByIdentifier(String identifierKey) {
        return AppointmentEntity.find("identifierKey", identifierKey).firstResultOptional();
    }

    /** The slots of those of these appointments that exist, by id. */
    @Transactional
    public Map<UUID, List<String>> slotsOf(List<UUID> ids) {
        Map<UUID, List<String>> slots = new HashMap<>();
        List<AppointmentEntity> rows = AppointmentEntity.list("id in ?1", ids);
        rows.forEach(row -> slots.put(row.id, List.of(row.slotIds)));
        return slots;
    }

    /**
     * A client's change (PUT or DELETE) of one row, in one JDBC transaction: the row is locked
     * (SELECT ... FOR UPDATE), {@code change} checks and modifies it (it gets null for an unknown
     * id, and throws to refuse, which rolls back), and the columns a change may touch are written.
     */
    public AppointmentEntity change(UUID id, UnaryOperator<AppointmentEntity> change) {
        return jdbc("Changing the appointment", true, connection -> {
            AppointmentEntity changed = change.apply(locked(connection, id));
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE appointment SET state = ?, status = ?, deleted = ?, version_id = ?, last_updated = ?,
                           start_at = ?, end_at = ?, actors = ?, resource = ?
                    WHERE id = ?""")) {
                update.setString(1, changed.state.name());
                update.setString(2, changed.status);
                update.setBoolean(3, changed.deleted);
                update.setLong(4, changed.versionId);
                update.setObject(5, utc(changed.lastUpdated));
                update.setObject(6, utc(changed.start));
                update.setObject(7, utc(changed.end));
                update.setArray(8, connection.createArrayOf("text", changed.actors));
                update.setString(9, changed.resource);
                update.setObject(10, changed.id);
                update.executeUpdate();
            }
            return changed;
        });
    }

    private static AppointmentEntity locked(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, identifier_key, state, status, deleted, version_id, created_at, last_updated,
                       start_at, end_at, slot_ids, actors, resource
                FROM appointment WHERE id = ? FOR UPDATE""")) {
            select.setObject(1, id);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                AppointmentEntity row = new AppointmentEntity();
                row.id = result.getObject(1, UUID.class);
                row.identifierKey = result.getString(2);
                row.state = BookingState.valueOf(result.getString(3));
                row.status = result.getString(4);
                row.deleted = result.getBoolean(5);
                row.versionId = result.getLong(6);
                row.createdAt = instant(result.getObject(7, OffsetDateTime.class));
                row.lastUpdated = instant(result.getObject(8, OffsetDateTime.class));
                row.start = instant(result.getObject(9, OffsetDateTime.class));
                row.end = instant(result.getObject(10, OffsetDateTime.class));
                row.slotIds = (String[]) result.getArray(11).getArray();
                row.actors = (String[]) result.getArray(12).getArray();
                row.resource = result.getString(13);
                return row;
            }
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Cancellations whose release was not confirmed by the request that cancelled them. */
    @Transactional
    public List<AppointmentEntity> unreleasedCancellations(Instant cancelledBefore, int limit) {
        return AppointmentEntity.find("state = ?1 and lastUpdated < ?2 order by lastUpdated",
                BookingState.CANCELLING, cancelledBefore).page(0, limit).list();
    }
}
