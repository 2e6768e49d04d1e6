package org.esus.slot.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.outbox.Outbox;
import org.esus.slot.domain.ScheduleService;
import org.esus.slot.outbox.SlotEvents;
import org.esus.slot.store.ScheduleEntity;
import org.esus.slot.store.SlotEntity;

/**
 * Writes booking-service's decisions to Slot.status (invariant 2), a poll batch per transaction:
 * one message-log insert, one locking read of the slots, and their events in one outbox batch,
 * so a burst of bookings costs PostgreSQL one commit instead of one per decision. The status is
 * the one the claim store decided ({@link SlotClaimDecision#slotStatus()}); statuses a scheduler
 * set by hand (busy-unavailable, busy-tentative, entered-in-error) are left alone. A decision
 * applied before (re-delivery) changes nothing: its id is already in the message log.
 */
@ApplicationScoped
public class ClaimDecisionApplier {

    /** The only statuses claims move between; any other was set by a scheduler and stays. */
    private static final Set<String> CLAIM_STATUSES = Set.of("free", "busy");
    private static final String LOG_NEW = "INSERT INTO claim_decision_log (decision_id) "
            + "SELECT DISTINCT unnest(CAST(? AS uuid[])) ON CONFLICT DO NOTHING RETURNING decision_id::text";
    private static final String LOCK_SLOTS = "SELECT * FROM slot WHERE id = ANY(CAST(?1 AS uuid[])) ORDER BY id FOR UPDATE";
    /** meta.lastUpdated as HAPI FHIR writes it, so a patched Slot reads like any other. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Outbox outbox;

    /** Applies the decisions in their order; returns how many Slots changed. */
    @Transactional
    public int apply(List<SlotClaimDecision> decisions) {
        Set<String> fresh = logNew(decisions);
        List<SlotClaimDecision> effective = decisions.stream()
                .filter(d -> fresh.remove(canonical(d.decisionId())) && changesStatus(d) && canonical(d.slotId()) != null)
                .toList();
        if (effective.isEmpty()) {
            return 0;
        }
        Map<String, SlotEntity> slots = lock(effective.stream().map(d -> canonical(d.slotId())).distinct().toList());
        int changed = 0;
        for (SlotClaimDecision decision : effective) {
            SlotEntity slot = slots.get(canonical(decision.slotId()));
            if (slot != null && !slot.deleted && apply(slot, decision)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean apply(SlotEntity slot, SlotClaimDecision decision) {
        String next = decision.slotStatus();
        if (!CLAIM_STATUSES.contains(slot.status) || !CLAIM_STATUSES.contains(next) || next.equals(slot.status)) {
            return false;
        }
        ScheduleEntity schedule = schedules.lockForSlotWrite(slot.scheduleId.toString());
        Instant now = FhirInstants.now();
        slot.status = next;
        slot.versionId++;
        slot.lastUpdated = now;
        slot.resource = withStatus(slot.resource, next, slot.versionId, now);
        SlotEvents.append(outbox,
                List.of(SlotEvents.of(slot, Arrays.asList(schedule.actors), ChangeType.UPDATED, decision.decisionId())));
        return true;
    }

    private static boolean changesStatus(SlotClaimDecision decision) {
        return decision.outcome() == SlotClaimDecision.Outcome.CLAIMED || decision.outcome() == SlotClaimDecision.Outcome.RELEASED;
    }

    /** The stored JSON with a new status and meta: a status change needs no FHIR model round trip. */
    private static String withStatus(String resource, String status, long version, Instant lastUpdated) {
        ObjectNode json = (ObjectNode) EventJson.tree(resource);
        JsonNode meta = json.get("meta");
        ObjectNode m = meta instanceof ObjectNode existing ? existing : json.putObject("meta");
        m.put("versionId", Long.toString(version));
        m.put("lastUpdated", INSTANT.format(lastUpdated));
        json.put("status", status);
        return json.toString();
    }

    /** Records the decisions in the message log; returns the ids not seen before. */
    private Set<String> logNew(List<SlotClaimDecision> decisions) {
        List<String> ids = decisions.stream().map(d -> canonical(d.decisionId())).filter(Objects::nonNull).toList();
        Set<String> fresh = new HashSet<>();
        if (ids.isEmpty()) {
            return fresh;
        }
        // The transaction's enlisted connection: Agroal hands Hibernate and us the same one.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(LOG_NEW)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the claim decision log", e);
        }
        return fresh;
    }

    /** The lowercase form PostgreSQL returns, or null for a value that is no UUID. */
    private static String canonical(String id) {
        UUID uuid = FhirIds.parseOrNull(id);
        return uuid == null ? null : uuid.toString();
    }

    private static Map<String, SlotEntity> lock(List<String> ids) {
        // One array parameter: an IN list would cost Hibernate a new SQL translation per batch size.
        @SuppressWarnings("unchecked")
        List<SlotEntity> rows = SlotEntity.getEntityManager().createNativeQuery(LOCK_SLOTS, SlotEntity.class)
                .setParameter(1, "{" + String.join(",", ids) + "}")
                .getResultList();
        Map<String, SlotEntity> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id.toString(), row));
        return byId;
    }
}
