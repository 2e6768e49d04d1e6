package org.esus.booking.search;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.esus.booking.store.BookingState;
import org.esus.common.search.sql.DateSql;
import org.esus.common.search.sql.SqlQuery;

/**
 * The WHERE clause of an Appointment search over {@code appointment a}: only appointments that
 * exist for clients, then AND across groups and OR inside one. Slot and participant groups are
 * array overlaps, which the GIN indexes on slot_ids and actors answer.
 */
final class AppointmentSearchSql {

    /** Claims in flight or being undone are no appointments yet (BookingState#visible). */
    private static final String VISIBLE = Arrays.stream(BookingState.values()).filter(BookingState::visible)
            .map(state -> "'" + state.name() + "'").collect(Collectors.joining(", ", " WHERE a.state IN (", ")"))
            + " AND NOT a.deleted";

    private AppointmentSearchSql() {
    }

    static void where(AppointmentCriteria criteria, SqlQuery query) {
        query.append(VISIBLE);
        overlaps("a.slot_ids", criteria.slotIds(), query);
        overlaps("a.actors", criteria.actors(), query);
        for (List<String> group : criteria.statuses()) {
            query.append(" AND a.status = ANY (?::text[])", (Object) group.toArray(String[]::new));
        }
        DateSql.where("a.start_at", criteria.dates(), query);
    }

    private static void overlaps(String column, List<List<String>> groups, SqlQuery query) {
        for (List<String> group : groups) {
            query.append(" AND " + column + " && ?::text[]", (Object) group.toArray(String[]::new));
        }
    }
}
