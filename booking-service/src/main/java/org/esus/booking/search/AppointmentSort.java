package org.esus.booking.search;

import java.time.Instant;
import java.util.function.Function;
import org.esus.common.search.ResultParameters;
import org.esus.common.search.SearchValues;
import org.esus.common.search.sql.KeysetOrder;

/**
 * The orders {@code _sort} offers on Appointment, each total (ties broken by id in the key's
 * direction) so next links never skip or repeat. Appointment.start may be absent: such
 * appointments come last in both directions. Without {@code _sort} the order is by id, as for Slots.
 */
enum AppointmentSort {
    ID("_id", KeysetOrder.byId("a.id"), row -> null),
    DATE("date", new KeysetOrder("a.start_at", "a.id", false, true), AppointmentRow::start),
    DATE_DESC("-date", new KeysetOrder("a.start_at", "a.id", true, true), AppointmentRow::start),
    LAST_UPDATED("_lastUpdated", new KeysetOrder("a.last_updated", "a.id", false, false), AppointmentRow::lastUpdated),
    LAST_UPDATED_DESC("-_lastUpdated", new KeysetOrder("a.last_updated", "a.id", true, false),
            AppointmentRow::lastUpdated);

    private final String parameterValue;
    private final KeysetOrder order;
    private final Function<AppointmentRow, Instant> key;

    AppointmentSort(String parameterValue, KeysetOrder order, Function<AppointmentRow, Instant> key) {
        this.parameterValue = parameterValue;
        this.order = order;
        this.key = key;
    }

    KeysetOrder order() {
        return order;
    }

    /** The encoded cursor of the page that continues after {@code row}. */
    String cursorAfter(AppointmentRow row) {
        return order.cursorAfter(name(), key.apply(row), row.id()).encode();
    }

    static AppointmentSort parse(String value) {
        for (AppointmentSort sort : values()) {
            if (sort.parameterValue.equals(value)) {
                return sort;
            }
        }
        throw SearchValues.badValue(ResultParameters.SORT, value,
                "is not supported (use date, -date, _lastUpdated or -_lastUpdated)");
    }
}
