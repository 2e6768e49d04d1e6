package org.esus.common.search.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One total result order for keyset paging: a timestamp key (or none: id order) with ties
 * broken by id in the key's direction, so "after the cursor" is one row-value comparison that a
 * (key, id) index answers directly. A nullable key sorts its missing values last in both
 * directions, and paging walks on through them in id order.
 *
 * @param keyColumn  the timestamp column, or null to order by id alone
 * @param idColumn   the uuid id column
 * @param descending newest first
 * @param nullable   whether {@code keyColumn} can be NULL; for NOT NULL columns the SQL stays a
 *                   plain range the planner can read from an index in order
 */
public record KeysetOrder(String keyColumn, String idColumn, boolean descending, boolean nullable) {

    public static KeysetOrder byId(String idColumn) {
        return new KeysetOrder(null, idColumn, false, false);
    }

    public String orderBy() {
        String direction = descending ? " DESC" : "";
        if (keyColumn == null) {
            return " ORDER BY " + idColumn + direction;
        }
        return " ORDER BY " + keyColumn + direction + (nullable ? " NULLS LAST" : "") + ", " + idColumn + direction;
    }

    /** The key a cursor after {@code key, id} carries; id order has none. */
    public KeysetCursor cursorAfter(String sortName, Instant key, UUID id) {
        return new KeysetCursor(sortName, keyColumn == null ? null : key, id);
    }

    /** Appends the condition "strictly after the cursor's row" (nothing for the first page). */
    public void appendAfter(KeysetCursor cursor, SqlQuery query) {
        if (cursor == null) {
            return;
        }
        String comparison = descending ? "<" : ">";
        if (keyColumn == null) {
            query.append(" AND " + idColumn + " " + comparison + " ?", cursor.id());
        } else if (cursor.key() == null) {
            if (!nullable) {
                throw KeysetCursor.invalid();
            }
            // Past every keyed row: only the rows without a key remain, in id order.
            query.append(" AND " + keyColumn + " IS NULL AND " + idColumn + " " + comparison + " ?", cursor.id());
        } else {
            String after = "(" + keyColumn + ", " + idColumn + ") " + comparison + " (?, ?)";
            query.append(" AND " + (nullable ? "(" + after + " OR " + keyColumn + " IS NULL)" : after),
                    cursor.key().atOffset(ZoneOffset.UTC), cursor.id());
        }
    }
}
