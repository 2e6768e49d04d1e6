package org.esus.slot.search;

import org.esus.common.search.SortOrder;
import org.esus.common.search.sql.KeysetOrder;

/**
 * The columns of each Slot sort. Ties break on id in the direction of the main key
 * (SortOrder's contract); start and last_updated are NOT NULL, so each sort is a plain keyset
 * range that the (key, id) indexes answer directly.
 */
final class SortColumns {

    private SortColumns() {
    }

    static KeysetOrder of(SortOrder sort) {
        return switch (sort) {
            case START_ASC -> new KeysetOrder("s.start_at", "s.id", false, false);
            case START_DESC -> new KeysetOrder("s.start_at", "s.id", true, false);
            case LAST_UPDATED_ASC -> new KeysetOrder("s.last_updated", "s.id", false, false);
            case LAST_UPDATED_DESC -> new KeysetOrder("s.last_updated", "s.id", true, false);
            case ID -> KeysetOrder.byId("s.id");
        };
    }
}
