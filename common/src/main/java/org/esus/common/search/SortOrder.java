package org.esus.common.search;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Result order of a Slot search. Always a total order, so cursors are stable: ties on the main
 * key are broken by id in the <em>same direction</em> as the main key (START_DESC orders by
 * start desc, then id desc), which keeps a keyset cursor a single row comparison
 * ({@code (start, id) < (:start, :id)}). Ids compare by UTF-16 code unit, i.e. binary
 * ({@code COLLATE "C"}) order. A missing start or lastUpdated sorts last in both directions
 * (it cannot happen for stored Slots: both are always set).
 */
public enum SortOrder {
    START_ASC("start"),
    START_DESC("-start"),
    LAST_UPDATED_ASC("_lastUpdated"),
    LAST_UPDATED_DESC("-_lastUpdated"),
    /** Default when {@code _sort} is absent; also spelled {@code _sort=_id}. */
    ID("_id");

    private final String parameterValue;

    SortOrder(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The {@code _sort} value that selects this order. */
    public String parameterValue() {
        return parameterValue;
    }

    public boolean descending() {
        return this == START_DESC || this == LAST_UPDATED_DESC;
    }

    /** The order named by a {@code _sort} value; null (absent) is {@link #ID}; others are a 400. */
    public static SortOrder parse(String value) {
        if (value == null) {
            return ID;
        }
        for (SortOrder order : values()) {
            if (order.parameterValue.equals(value)) {
                return order;
            }
        }
        throw SearchValues.badValue(SlotSearchParameters.SORT, value,
                "is not supported (use start, -start, _lastUpdated or -_lastUpdated)");
    }

    /** The same order in memory, for the reference evaluator and tests of the SQL side. */
    public Comparator<SlotFacts> comparator() {
        Comparator<SlotFacts> byId = Comparator.comparing(SlotFacts::id, Comparator.nullsLast(Comparator.naturalOrder()));
        return switch (this) {
            case ID -> byId;
            case START_ASC -> byInstant(SlotFacts::start, false).thenComparing(byId);
            case START_DESC -> byInstant(SlotFacts::start, true).thenComparing(byId.reversed());
            case LAST_UPDATED_ASC -> byInstant(SlotFacts::lastUpdated, false).thenComparing(byId);
            case LAST_UPDATED_DESC -> byInstant(SlotFacts::lastUpdated, true).thenComparing(byId.reversed());
        };
    }

    private static Comparator<SlotFacts> byInstant(Function<SlotFacts, Instant> key, boolean descending) {
        Comparator<Instant> order = descending ? Comparator.<Instant>reverseOrder() : Comparator.<Instant>naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(order));
    }
}
