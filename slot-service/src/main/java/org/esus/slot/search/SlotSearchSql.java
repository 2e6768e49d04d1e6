package org.esus.slot.search;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.esus.common.fhir.FhirIds;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.TokenValue;
import org.esus.common.search.sql.DateSql;
import org.esus.common.search.sql.SqlQuery;
import org.esus.slot.store.TokenColumns;

/**
 * The SQL interpreter of the shared Slot search grammar: turns a {@link SlotCriteria} into a
 * WHERE clause over {@code slot s}. It must agree with {@link SlotCriteria#matches}, the
 * in-memory interpreter the subscription matcher uses; SlotSqlAgreementTest holds them to it.
 * AND across groups, OR inside a group, exactly as the model says.
 */
final class SlotSearchSql {

    private SlotSearchSql() {
    }

    /**
     * @param actorSchedules for each {@code schedule.actor} group of the criteria, the ids of the
     *                       Schedules having one of its actors (see {@link ActorSchedules})
     */
    static void where(SlotCriteria criteria, List<UUID[]> actorSchedules, SqlQuery query) {
        query.append(" WHERE NOT s.deleted");
        for (List<String> group : criteria.ids()) {
            oneOf("s.id", "uuid", uuids(group), query);
        }
        for (List<String> group : criteria.scheduleIds()) {
            oneOf("s.schedule_id", "uuid", uuids(group), query);
        }
        for (UUID[] schedules : actorSchedules) {
            oneOf("s.schedule_id", "uuid", schedules, query);
        }
        for (List<String> group : criteria.statuses()) {
            oneOf("s.status", "text", group.toArray(String[]::new), query);
        }
        DateSql.where("s.start_at", criteria.starts(), query);
        DateSql.where("s.last_updated", criteria.lastUpdated(), query);
        tokens("s.identifiers", criteria.identifiers(), query);
        tokens("s.service_types", criteria.serviceTypes(), query);
        tokens("s.specialties", criteria.specialties(), query);
        tokens("s.appointment_types", criteria.appointmentTypes(), query);
    }

    /**
     * A single value is written as plain equality: PostgreSQL 15 reads an index in order only for
     * equality, so "schedule = x AND status = free ORDER BY start LIMIT 10" stays a short range
     * scan of slot_schedule_status_start instead of a sort.
     */
    private static void oneOf(String column, String type, Object[] values, SqlQuery query) {
        if (values.length == 0) {
            query.append(" AND FALSE");
        } else if (values.length == 1) {
            query.append(" AND " + column + " = ?", values[0]);
        } else {
            query.append(" AND " + column + " = ANY (?::" + type + "[])", (Object) values);
        }
    }

    /**
     * One token search value against a token array column (format: {@link TokenColumns}).
     * Exact forms use the array's GIN-friendly containment; "any system" and "any code" forms
     * look at the element's parts.
     */
    static void tokens(String column, List<List<TokenValue>> groups, SqlQuery query) {
        for (List<TokenValue> group : groups) {
            query.anyOf(group, token -> {
                if (token.system() == null) {
                    query.append("EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE " + TokenColumns.CODE_OF_T + " = ?)", token.code());
                } else if (token.code() == null) {
                    query.append("EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE " + TokenColumns.SYSTEM_OF_T + " = ?)", token.system());
                } else {
                    query.append(column + " @> ARRAY[?]::text[]", TokenColumns.encode(token.system(), token.code()));
                }
            });
        }
    }

    /** Ids we never assign (not UUIDs) cannot match; an all-invalid group matches nothing. */
    private static UUID[] uuids(List<String> ids) {
        return ids.stream().map(FhirIds::parseOrNull).filter(Objects::nonNull).toArray(UUID[]::new);
    }
}
