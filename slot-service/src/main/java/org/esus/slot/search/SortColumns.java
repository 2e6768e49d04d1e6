package org.esus.slot.search;

import java.time.ZoneOffset;
import org.esus.common.search.SortOrder;

/**
 * ORDER BY and keyset conditions of each sort. Ties break on id in the direction of the main
 * key (SortOrder's contract), so "after the cursor" is one row-value comparison the
 * (key, id) indexes answer directly.
 */
final class SortColumns {

    private SortColumns() {
    }

    static String orderBy(SortOrder sort) {
        return switch (sort) {
            case START_ASC -> " ORDER BY s.start_at, s.id";
            case START_DESC -> " ORDER BY s.start_at DESC, s.id DESC";
            case LAST_UPDATED_ASC -> " ORDER BY s.last_updated, s.id";
            case LAST_UPDATED_DESC -> " ORDER BY s.last_updated DESC, s.id DESC";
            case ID -> " ORDER BY s.id";
        };
    }

    static void keysetAfter(SortOrder sort, Cursor cursor, SqlQuery query) {
        if (cursor == null) {
            return;
        }
        String comparison = sort.descending() ? "<" : ">";
        switch (sort) {
            case START_ASC, START_DESC -> query.append(" AND (s.start_at, s.id) " + comparison + " (?, ?)",
                    cursor.key().atOffset(ZoneOffset.UTC), cursor.id());
            case LAST_UPDATED_ASC, LAST_UPDATED_DESC -> query.append(" AND (s.last_updated, s.id) " + comparison + " (?, ?)",
                    cursor.key().atOffset(ZoneOffset.UTC), cursor.id());
            case ID -> query.append(" AND s.id > ?", cursor.id());
        }
    }
}
