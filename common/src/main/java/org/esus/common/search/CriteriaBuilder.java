package org.esus.common.search;

import static org.esus.common.search.SlotSearchParameters.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the filter parameters of one request or Subscription criteria into a
 * {@link SlotCriteria}: each occurrence becomes one AND group, its comma-separated values the
 * OR alternatives. Shared by both entry points of {@link SlotSearchParser}, so GET /Slot and
 * Subscription criteria cannot read a value differently.
 */
final class CriteriaBuilder {

    private final List<List<String>> ids = new ArrayList<>();
    private final List<List<TokenValue>> identifiers = new ArrayList<>();
    private final List<List<String>> scheduleIds = new ArrayList<>();
    private final List<List<ReferenceValue>> actors = new ArrayList<>();
    private final List<List<String>> statuses = new ArrayList<>();
    private final List<List<DateCondition>> starts = new ArrayList<>();
    private final List<List<TokenValue>> serviceTypes = new ArrayList<>();
    private final List<List<TokenValue>> specialties = new ArrayList<>();
    private final List<List<TokenValue>> appointmentTypes = new ArrayList<>();
    private final List<List<DateCondition>> lastUpdated = new ArrayList<>();

    static boolean isCriteriaParameter(String name) {
        return CRITERIA.contains(name);
    }

    /** Adds every occurrence of {@code name}; a parameter present without any value is a 400. */
    void addAll(String name, List<String> occurrences) {
        if (occurrences == null || occurrences.isEmpty()) {
            throw SearchValues.badValue(name, "", "is empty");
        }
        occurrences.forEach(value -> add(name, value));
    }

    /** Adds one occurrence of a criteria parameter ({@link #isCriteriaParameter} must hold). */
    void add(String name, String value) {
        List<String> pieces = SearchValues.alternatives(name, value);
        switch (name) {
            case ID -> ids.add(each(pieces, p -> SearchValues.requireFhirId(name, p, SearchValues.unescape(p))));
            case IDENTIFIER -> identifiers.add(each(pieces, p -> TokenValue.parse(name, p)));
            case SCHEDULE -> scheduleIds.add(each(pieces, p -> scheduleId(SearchValues.unescape(p))));
            case SCHEDULE_ACTOR -> actors.add(each(pieces, p -> ReferenceValue.parse(name, SearchValues.unescape(p))));
            case STATUS -> statuses.add(each(pieces, p -> SlotStatus.fromCode(name, SearchValues.unescape(p)).code()));
            case START, DATE -> starts.add(each(pieces, p -> DateCondition.parse(name, SearchValues.unescape(p))));
            case SERVICE_TYPE -> serviceTypes.add(each(pieces, p -> TokenValue.parse(name, p)));
            case SPECIALTY -> specialties.add(each(pieces, p -> TokenValue.parse(name, p)));
            case APPOINTMENT_TYPE -> appointmentTypes.add(each(pieces, p -> TokenValue.parse(name, p)));
            case LAST_UPDATED -> lastUpdated.add(each(pieces, p -> DateCondition.parse(name, SearchValues.unescape(p))));
            default -> throw new IllegalArgumentException("not a Slot criteria parameter: " + name);
        }
    }

    SlotCriteria build() {
        return new SlotCriteria(ids, identifiers, scheduleIds, actors, statuses, starts, serviceTypes, specialties,
                appointmentTypes, lastUpdated);
    }

    /** {@code schedule} takes {@code Schedule/x}, {@code x} or an absolute URL, but only to a Schedule. */
    private static String scheduleId(String value) {
        return ReferenceValue.parseTo(SCHEDULE, value, "Schedule").id();
    }

    private static <T> List<T> each(List<String> pieces, Function<String, T> parse) {
        List<T> out = new ArrayList<>(pieces.size());
        pieces.forEach(piece -> out.add(parse.apply(piece)));
        return out;
    }
}
