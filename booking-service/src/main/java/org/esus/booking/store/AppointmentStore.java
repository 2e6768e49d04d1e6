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
            SELECT ?1, ?2, 'BOOKED', ?3, false, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
            WHERE clock_timestamp() < ?12
            ON CONFLICT DO NOTHING""";
    private static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

    /**
     * Inserts a booked row, unless an appointment with its id or identifier exists, or
     * {@code writeBy} has passed (then the appointment projection owns the claim's outcome: it
     * acts only on claims older than every request's deadline, so the two never both decide).
     * Returns true when this call inserted it.
     */
    public boolean insertBooked(AppointmentEntity row, Instant writeBy) {
        // one statement: plain JDBC in autocommit, without a JTA transaction and a Hibernate session around it
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_BOOKED.replaceAll("\\?\\d+", "?"))) {
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
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the booked appointment failed", e); // 503 while PostgreSQL is away
        }
    }

    /** CANCELLING → CANCELLED once the release was decided; false when it was not CANCELLING any more. */
    public boolean markReleased(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE appointment SET state = 'CANCELLED' WHERE id = ? AND state = 'CANCELLING'")) {
            update.setObject(1, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the release failed", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Inserts the rows that do not exist yet, in one transaction: the projection's group commit. */
    @Transactional
    public int insertMissing(List<AppointmentEntity> rows) {
        int inserted = 0;
        for (AppointmentEntity row : rows) {
            inserted += insert(row, NO_DEADLINE);
        }
        return inserted;
    }

    private static int insert(AppointmentEntity row, Instant writeBy) {
        return AppointmentEntity.getEntityManager().createNativeQuery(INSERT_BOOKED)
                .setParameter(1, row.id)
                .setParameter(2, row.identifierKey)
                .setParameter(3, row.status)
                .setParameter(4, row.versionId)
                .setParameter(5, row.createdAt)
                .setParameter(6, row.lastUpdated)
                .setParameter(7, row.start)
                .setParameter(8, row.end)
                .setParameter(9, row.slotIds)
                .setParameter(10, row.actors)
                .setParameter(11, row.resource)
                .setParameter(12, writeBy)
                .executeUpdate();
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
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
                connection.commit();
                return changed;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Changing the appointment failed", e); // 503 while PostgreSQL is away
        }
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
