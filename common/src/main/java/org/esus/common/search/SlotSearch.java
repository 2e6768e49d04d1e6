package org.esus.common.search;

import java.util.List;
import java.util.Objects;

/**
 * A parsed GET /Slot request: the filter plus how to shape the result.
 *
 * @param criteria          which Slots match
 * @param sort              result order, {@link SortOrder#ID} when {@code _sort} is absent
 * @param count             page size, 0..{@link #MAX_COUNT}; 0 asks for the total only
 * @param totalAccurate     {@code _total=accurate}: the Bundle carries {@code total}
 * @param includeSchedule   {@code _include=Slot:schedule}: add the Schedules as {@code search.mode=include}
 * @param cursor            the opaque {@code _cursor} of a next link, or null for the first page
 * @param unknownParameters names the parser did not recognise, in the order it met them; the
 *                          caller reports them in an OperationOutcome or, under
 *                          {@code Prefer: handling=strict}, answers 400
 */
public record SlotSearch(
        SlotCriteria criteria,
        SortOrder sort,
        int count,
        boolean totalAccurate,
        boolean includeSchedule,
        String cursor,
        List<String> unknownParameters) {

    public static final int DEFAULT_COUNT = ResultParameters.DEFAULT_COUNT;
    public static final int MAX_COUNT = ResultParameters.MAX_COUNT;

    public SlotSearch {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(sort, "sort");
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count out of range: " + count);
        }
        unknownParameters = unknownParameters == null ? List.of() : List.copyOf(unknownParameters);
    }
}
