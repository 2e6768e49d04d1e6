package org.esus.slot.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.esus.common.fhir.FhirIds;
import org.esus.common.search.DateCondition;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.TokenValue;
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
        for (List<DateCondition> group : criteria.starts()) {
            anyOf(group, query, c -> date("s.start_at", c, query));
        }
        for (List<DateCondition> group : criteria.lastUpdated()) {
            anyOf(group, query, c -> date("s.last_updated", c, query));
        }
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

    private static String date(String column, DateCondition condition, SqlQuery query) {
        OffsetDateTime lower = ceilMicros(condition.lower());
        OffsetDateTime upper = ceilMicros(condition.upper());
        return switch (condition.prefix()) {
            case EQ -> add(query, column + " >= ? AND " + column + " < ?", lower, upper);
            case NE -> add(query, "NOT (" + column + " >= ? AND " + column + " < ?)", lower, upper);
            case GT, SA -> add(query, column + " >= ?", upper);
            case LT, EB -> add(query, column + " < ?", lower);
            case GE -> add(query, column + " >= ?", lower);
            case LE -> add(query, column + " < ?", upper);
        };
    }

    /**
     * One token search value against a token array column (format: {@link TokenColumns}).
     * Exact forms use the array's GIN-friendly containment; "any system" and "any code" forms
     * look at the element's parts.
     */
    static void tokens(String column, List<List<TokenValue>> groups, SqlQuery query) {
        for (List<TokenValue> group : groups) {
            anyOf(group, query, token -> {
                if (token.system() == null) {
                    return add(query, "EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE " + TokenColumns.CODE_OF_T + " = ?)", token.code());
                }
                if (token.code() == null) {
                    return add(query, "EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE " + TokenColumns.SYSTEM_OF_T + " = ?)", token.system());
                }
                return add(query, column + " @> ARRAY[?]::text[]", TokenColumns.encode(token.system(), token.code()));
            });
        }
    }

    /** Appends {@code AND (a OR b ...)}, where each alternative appends its own parameters. */
    private static <T> void anyOf(List<T> group, SqlQuery query, Function<T, String> alternative) {
        query.append(" AND (");
        for (int i = 0; i < group.size(); i++) {
            query.append(i == 0 ? "(" : " OR (");
            alternative.apply(group.get(i));
            query.append(")");
        }
        query.append(")");
    }

    private static String add(SqlQuery query, String sql, Object... values) {
        query.append(sql, values);
        return sql;
    }

    /** Ids we never assign (not UUIDs) cannot match; an all-invalid group matches nothing. */
    private static UUID[] uuids(List<String> ids) {
        return ids.stream().map(FhirIds::parseOrNull).filter(Objects::nonNull).toArray(UUID[]::new);
    }

    /**
     * PostgreSQL keeps microseconds. Stored values are whole microseconds, so rounding a bound
     * up to the next microsecond keeps {@code v >= b} and {@code v < b} exactly as in Java.
     */
    static OffsetDateTime ceilMicros(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
        Instant ceiled = truncated.equals(instant) ? truncated : truncated.plus(1, ChronoUnit.MICROS);
        return ceiled.atOffset(ZoneOffset.UTC);
    }
}
