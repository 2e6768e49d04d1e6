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
import org.esus.common.search.ReferenceValue;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.TokenValue;

/**
 * The SQL interpreter of the shared Slot search grammar: turns a {@link SlotCriteria} into a
 * WHERE clause over {@code slot s}. It must agree with {@link SlotCriteria#matches}, the
 * in-memory interpreter the subscription matcher uses; SlotSqlAgreementTest holds them to it.
 * AND across groups, OR inside a group, exactly as the model says.
 */
final class SlotSearchSql {

    private SlotSearchSql() {
    }

    static void where(SlotCriteria criteria, SqlQuery query) {
        query.append(" WHERE NOT s.deleted");
        for (List<String> group : criteria.ids()) {
            query.append(" AND s.id = ANY (?::uuid[])", (Object) uuids(group));
        }
        for (List<String> group : criteria.scheduleIds()) {
            query.append(" AND s.schedule_id = ANY (?::uuid[])", (Object) uuids(group));
        }
        for (List<ReferenceValue> group : criteria.actors()) {
            actors(group, query);
        }
        for (List<String> group : criteria.statuses()) {
            query.append(" AND s.status = ANY (?::text[])", (Object) group.toArray(String[]::new));
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
     * schedule.actor: the Slot's Schedule has one of these actors. Typed references use the GIN
     * index on schedule.actors; a bare id matches any resource type with that id.
     */
    private static void actors(List<ReferenceValue> group, SqlQuery query) {
        String[] typed = group.stream().filter(r -> r.type() != null).map(ReferenceValue::asReference)
                .toArray(String[]::new);
        String[] bare = group.stream().filter(r -> r.type() == null).map(ReferenceValue::id).toArray(String[]::new);
        query.append(" AND s.schedule_id IN (SELECT sc.id FROM schedule sc WHERE NOT sc.deleted AND (");
        if (typed.length > 0) {
            query.append("sc.actors && ?::text[]", (Object) typed);
        }
        if (bare.length > 0) {
            query.append(typed.length > 0 ? " OR " : "")
                    .append("EXISTS (SELECT 1 FROM unnest(sc.actors) a WHERE split_part(a, '/', 2) = ANY (?::text[]))",
                            (Object) bare);
        }
        query.append("))");
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
     * One token search value against a {@code system|code} array column (see SlotEntity).
     * Exact forms use the array's GIN-friendly containment; "any system" and "any code" forms
     * look at the element's parts.
     */
    private static void tokens(String column, List<List<TokenValue>> groups, SqlQuery query) {
        for (List<TokenValue> group : groups) {
            anyOf(group, query, token -> {
                if (token.system() == null) {
                    return add(query, "EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE substr(t, strpos(t, '|') + 1) = ?)", token.code());
                }
                if (token.code() == null) {
                    return add(query, "EXISTS (SELECT 1 FROM unnest(" + column
                            + ") t WHERE split_part(t, '|', 1) = ?)", token.system());
                }
                return add(query, column + " @> ARRAY[?]::text[]", token.system() + "|" + token.code());
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
