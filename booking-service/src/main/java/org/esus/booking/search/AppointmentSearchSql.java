package org.esus.booking.search;

import java.util.List;
import org.esus.common.search.sql.DateSql;
import org.esus.common.search.sql.SqlQuery;

/**
 * The WHERE clause of an Appointment search over {@code appointment a}: only appointments that
 * are not deleted, then AND across groups and OR inside one. Slot and participant groups are
 * array overlaps, which the GIN indexes on slot_ids and actors answer.
 */
final class AppointmentSearchSql {

    /** Every row is a booked appointment (rows are written once claims are granted); deleted ones are gone. */
    private static final String VISIBLE = " WHERE NOT a.deleted";

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
