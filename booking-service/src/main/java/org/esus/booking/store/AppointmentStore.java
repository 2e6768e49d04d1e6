package org.esus.booking.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Appointment rows, one short transaction per step: no transaction is open while a request waits
 * for the broker. Booked rows are only ever inserted with ON CONFLICT DO NOTHING, so the request
 * and the appointment projection can both try and exactly one row results.
 */
@ApplicationScoped
public class AppointmentStore {

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
    @Transactional
    public boolean insertBooked(AppointmentEntity row, Instant writeBy) {
        return insert(row, writeBy) == 1;
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

    /** Moves a row from {@code expected} to the row's new content; false when it is no longer in that state. */
    @Transactional
    public boolean transition(UUID id, BookingState expected, java.util.function.Consumer<AppointmentEntity> change) {
        AppointmentEntity row = AppointmentEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.state != expected) {
            return false;
        }
        change.accept(row);
        return true;
    }

    /** Locks a row for a client's change (PUT or DELETE). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AppointmentEntity> lock(UUID id) {
        return Optional.ofNullable(AppointmentEntity.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Cancellations whose release was not confirmed by the request that cancelled them. */
    @Transactional
    public List<AppointmentEntity> unreleasedCancellations(Instant cancelledBefore, int limit) {
        return AppointmentEntity.find("state = ?1 and lastUpdated < ?2 order by lastUpdated",
                BookingState.CANCELLING, cancelledBefore).page(0, limit).list();
    }
}
