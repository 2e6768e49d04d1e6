package org.esus.common.search.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.esus.common.search.DateCondition;

/**
 * The SQL form of date search conditions on a timestamptz column. It must answer exactly as
 * {@link DateCondition#matches} does for every prefix and precision (slot-service's
 * SlotSqlAgreementTest holds it to that); a NULL column matches nothing, not even {@code ne}.
 */
public final class DateSql {

    private DateSql() {
    }

    /** AND across groups (repeated parameters), OR inside a group (comma-separated values). */
    public static void where(String column, List<List<DateCondition>> groups, SqlQuery query) {
        for (List<DateCondition> group : groups) {
            query.anyOf(group, condition -> condition(column, condition, query));
        }
    }

    /** Appends one condition on {@code column}, without a leading AND. */
    public static void condition(String column, DateCondition condition, SqlQuery query) {
        OffsetDateTime lower = ceilMicros(condition.lower());
        OffsetDateTime upper = ceilMicros(condition.upper());
        switch (condition.prefix()) {
            case EQ -> query.append(column + " >= ? AND " + column + " < ?", lower, upper);
            case NE -> query.append("NOT (" + column + " >= ? AND " + column + " < ?)", lower, upper);
            case GT, SA -> query.append(column + " >= ?", upper);
            case LT, EB -> query.append(column + " < ?", lower);
            case GE -> query.append(column + " >= ?", lower);
            case LE -> query.append(column + " < ?", upper);
        }
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
