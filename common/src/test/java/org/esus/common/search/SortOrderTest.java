package org.esus.common.search;

import static org.esus.common.search.TestSlots.slot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortOrderTest {

    private static final List<SlotFacts> SLOTS = List.of(
            slot("c").start("2026-04-21T09:00:00Z").lastUpdated("2026-04-01T10:00:00Z").build(),
            slot("a").start("2026-04-21T09:00:00Z").lastUpdated("2026-04-01T11:00:00Z").build(),
            slot("d").start("2026-04-21T08:00:00Z").lastUpdated("2026-04-01T10:00:00Z").build(),
            slot("b").start("2026-04-21T10:00:00Z").lastUpdated("2026-04-01T09:00:00Z").build());

    private static List<String> idsIn(SortOrder order) {
        List<SlotFacts> sorted = new ArrayList<>(SLOTS);
        sorted.sort(order.comparator());
        return sorted.stream().map(SlotFacts::id).toList();
    }

    @Test
    void tiesAreBrokenByIdInTheDirectionOfTheMainKey() {
        assertEquals(List.of("d", "a", "c", "b"), idsIn(SortOrder.START_ASC));
        assertEquals(List.of("b", "c", "a", "d"), idsIn(SortOrder.START_DESC));
        assertEquals(List.of("b", "c", "d", "a"), idsIn(SortOrder.LAST_UPDATED_ASC));
        assertEquals(List.of("a", "d", "c", "b"), idsIn(SortOrder.LAST_UPDATED_DESC));
        assertEquals(List.of("a", "b", "c", "d"), idsIn(SortOrder.ID));
    }

    @Test
    void absentSortIsById() {
        assertEquals(SortOrder.ID, SortOrder.parse(null));
        assertEquals(SortOrder.ID, SortOrder.parse("_id"));
    }

    @Test
    void eachOrderParsesFromItsOwnParameterValue() {
        for (SortOrder order : SortOrder.values()) {
            assertEquals(order, SortOrder.parse(order.parameterValue()));
        }
    }
}
