package org.esus.booking.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Appointment rows, one short transaction per step of the claim protocol: no transaction is
 * open while a request waits for the broker. State changes are conditional on the state the
 * caller expects, so a request and the reconciler can never both decide an appointment's fate.
 */
@ApplicationScoped
public class AppointmentStore {

    /**
     * Inserts a CLAIMING row unless another appointment already has its identifier key.
     * Returns false when the key is taken.
     */
    @Transactional
    public boolean insertClaiming(AppointmentEntity row) {
        int inserted = AppointmentEntity.getEntityManager().createNativeQuery("""
                INSERT INTO appointment (id, identifier_key, state, status, deleted, version_id, created_at, last_updated,
                                         start_at, end_at, slot_ids, actors, resource)
                VALUES (?1, ?2, 'CLAIMING', ?3, false, 0, ?4, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT (identifier_key) DO NOTHING""")
                .setParameter(1, row.id)
                .setParameter(2, row.identifierKey)
                .setParameter(3, row.status)
                .setParameter(4, row.createdAt)
                .setParameter(5, row.start)
                .setParameter(6, row.end)
                .setParameter(7, row.slotIds)
                .setParameter(8, row.actors)
                .setParameter(9, row.resource)
                .executeUpdate();
        return inserted == 1;
    }

    @Transactional
    public Optional<AppointmentEntity> find(UUID id) {
        return AppointmentEntity.findByIdOptional(id);
    }

    @Transactional
    public Optional<AppointmentEntity> findByIdentifier(String identifierKey) {
        return AppointmentEntity.find("identifierKey", identifierKey).firstResultOptional();
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

    /** Deletes a row that is still in {@code expected}: a claim that came to nothing. */
    @Transactional
    public boolean deleteIf(UUID id, BookingState expected) {
        return AppointmentEntity.delete("id = ?1 and state = ?2", id, expected) == 1;
    }

    /** Locks a row for a client's change (PUT or DELETE). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AppointmentEntity> lock(UUID id) {
        return Optional.ofNullable(AppointmentEntity.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Rows the reconciler must finish: stale claims, abandoned claims, unconfirmed cancellations. */
    @Transactional
    public List<AppointmentEntity> unfinished(Instant claimingBefore, Instant cancellingBefore, int limit) {
        return AppointmentEntity.find("""
                (state = ?1 and lastUpdated < ?2) or state = ?3 or (state = ?4 and lastUpdated < ?5)
                order by lastUpdated""",
                BookingState.CLAIMING, claimingBefore, BookingState.ABANDONING, BookingState.CANCELLING, cancellingBefore)
                .page(0, limit).list();
    }
}
