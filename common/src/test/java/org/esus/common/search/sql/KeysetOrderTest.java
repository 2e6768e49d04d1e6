package org.esus.common.search.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.junit.jupiter.api.Test;

/**
 * The SQL of keyset paging. A NOT NULL key must stay a single row comparison (the Slot seed
 * queries depend on reading an index in order); a nullable key pages on through its NULLs.
 */
class KeysetOrderTest {

    private static final UUID ID = UUID.fromString("0b6a3f1e-7f0e-4c1b-9a57-2f1d3c4b5a69");
    private static final Instant KEY = Instant.parse("2027-01-01T09:00:00.123456Z");

    @Test
    void aNotNullKeyIsOneRowComparison() {
        KeysetOrder ascending = new KeysetOrder("s.start_at", "s.id", false, false);
        assertEquals(" ORDER BY s.start_at, s.id", ascending.orderBy());
        assertEquals(" AND (s.start_at, s.id) > (?, ?)", after(ascending, new KeysetCursor("X", KEY, ID)).sql());

        KeysetOrder descending = new KeysetOrder("s.start_at", "s.id", true, false);
        assertEquals(" ORDER BY s.start_at DESC, s.id DESC", descending.orderBy());
        SqlQuery query = after(descending, new KeysetCursor("X", KEY, ID));
        assertEquals(" AND (s.start_at, s.id) < (?, ?)", query.sql());
        assertEquals(List.of(KEY.atOffset(ZoneOffset.UTC), ID), query.parameters());

        assertThrows(FhirError.class, () -> after(ascending, new KeysetCursor("X", null, ID)),
                "a keyless cursor for a keyed order is not one this server issued");
    }

    @Test
    void aNullableKeySortsItsNullsLastInBothDirections() {
        KeysetOrder descending = new KeysetOrder("a.start_at", "a.id", true, true);
        assertEquals(" ORDER BY a.start_at DESC NULLS LAST, a.id DESC", descending.orderBy());
        assertEquals(" AND ((a.start_at, a.id) < (?, ?) OR a.start_at IS NULL)",
                after(descending, new KeysetCursor("X", KEY, ID)).sql());
        assertEquals(" AND a.start_at IS NULL AND a.id < ?", after(descending, new KeysetCursor("X", null, ID)).sql());
    }

    @Test
    void idOrderNeedsNoKey() {
        KeysetOrder byId = KeysetOrder.byId("s.id");
        assertEquals(" ORDER BY s.id", byId.orderBy());
        assertEquals(" AND s.id > ?", after(byId, new KeysetCursor("ID", KEY, ID)).sql());
        assertEquals(new KeysetCursor("ID", null, ID), byId.cursorAfter("ID", KEY, ID));
    }

    @Test
    void aCursorComesBackAsEncodedAndOnlyForItsOwnSort() {
        KeysetCursor cursor = new KeysetCursor("START_ASC", KEY, ID);
        assertEquals(cursor, KeysetCursor.decode(cursor.encode(), "START_ASC"));
        assertThrows(FhirError.class, () -> KeysetCursor.decode(cursor.encode(), "START_DESC"));
        assertThrows(FhirError.class, () -> KeysetCursor.decode("bm9wZQ", "START_ASC"));
        assertThrows(FhirError.class, () -> KeysetCursor.decode("%%%", "START_ASC"));
    }

    private static SqlQuery after(KeysetOrder order, KeysetCursor cursor) {
        SqlQuery query = new SqlQuery();
        order.appendAfter(cursor, query);
        return query;
    }
}
