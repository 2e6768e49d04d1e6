package org.esus.common.search;

import static org.esus.common.search.SlotSearchParameters.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filter of a Slot search or Subscription: every field is a list of groups; a Slot matches
 * when it satisfies every group (AND: one group per occurrence of the parameter) and, within a
 * group, at least one value (OR: the comma-separated values of one occurrence). An empty field
 * does not constrain; an empty criteria matches every Slot.
 *
 * <p>{@link #matches} is the reference semantics; the SQL translation must agree with it.
 * {@code start} and {@code date} both land in {@link #starts}.
 */
public record SlotCriteria(
        List<List<String>> ids,
        List<List<TokenValue>> identifiers,
        List<List<String>> scheduleIds,
        List<List<ReferenceValue>> actors,
        List<List<String>> statuses,
        List<List<DateCondition>> starts,
        List<List<TokenValue>> serviceTypes,
        List<List<TokenValue>> specialties,
        List<List<TokenValue>> appointmentTypes,
        List<List<DateCondition>> lastUpdated) {

    /** Matches every Slot. */
    public static final SlotCriteria ALL = new SlotCriteria(null, null, null, null, null, null, null, null, null, null);

    public SlotCriteria {
        ids = groups(ids);
        identifiers = groups(identifiers);
        scheduleIds = groups(scheduleIds);
        actors = groups(actors);
        statuses = groups(statuses);
        starts = groups(starts);
        serviceTypes = groups(serviceTypes);
        specialties = groups(specialties);
        appointmentTypes = groups(appointmentTypes);
        lastUpdated = groups(lastUpdated);
    }

    public boolean isEmpty() {
        return ids.isEmpty() && identifiers.isEmpty() && scheduleIds.isEmpty() && actors.isEmpty()
                && statuses.isEmpty() && starts.isEmpty() && serviceTypes.isEmpty() && specialties.isEmpty()
                && appointmentTypes.isEmpty() && lastUpdated.isEmpty();
    }

    public boolean matches(SlotFacts slot) {
        return every(ids, id -> id.equals(slot.id()))
                && every(identifiers, token -> token.matchesAny(slot.identifiers()))
                && every(scheduleIds, id -> id.equals(slot.scheduleId()))
                && every(actors, ref -> slot.actors().stream().anyMatch(ref::matches))
                && every(statuses, status -> status.equals(slot.status()))
                && every(starts, date -> date.matches(slot.start()))
                && every(serviceTypes, token -> token.matchesAny(slot.serviceTypes()))
                && every(specialties, token -> token.matchesAny(slot.specialties()))
                && every(appointmentTypes, token -> token.matchesAny(slot.appointmentTypes()))
                && every(lastUpdated, date -> date.matches(slot.lastUpdated()));
    }

    // --- Index keys. Each returns a set S such that every Slot this criteria matches has a value
    // in S (any one group is such a set, since all groups must hold), or an empty set when no
    // such set exists and the criteria must be checked against every Slot. When the parameter
    // repeats, the first usable group is returned; it is a superset filter, still call matches().

    /**
     * {@code Type/id} actor references for an index keyed by Schedule actor. Empty when there is
     * no {@code schedule.actor} group, or every group holds a type-less value ({@code
     * schedule.actor=abc} matches any type, so no exact {@code Type/id} key covers it).
     */
    public Set<String> requiredActorReferences() {
        for (List<ReferenceValue> group : actors) {
            if (group.stream().allMatch(ref -> ref.type() != null)) {
                return keys(group, ReferenceValue::asReference);
            }
        }
        return Set.of();
    }

    /** Schedule ids for an index keyed by Slot.schedule; empty when {@code schedule} is absent. */
    public Set<String> requiredScheduleIds() {
        return firstGroup(scheduleIds);
    }

    /** Slot ids for an index keyed by id; empty when {@code _id} is absent. */
    public Set<String> requiredIds() {
        return firstGroup(ids);
    }

    private static Set<String> firstGroup(List<List<String>> groups) {
        return groups.isEmpty() ? Set.of() : keys(groups.get(0), Function.identity());
    }

    private static <T> Set<String> keys(List<T> group, Function<T, String> key) {
        return group.stream().map(key).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The criteria as a query string (no leading '?'), URL-encoded, in a fixed parameter order;
     * {@code SlotSearchParser.parseCriteria("Slot?" + toQueryString())} gives an equal criteria.
     * Useful for self links and for storing a normalised Subscription criteria.
     */
    public String toQueryString() {
        StringJoiner query = new StringJoiner("&");
        append(query, ID, ids, SearchValues::escape);
        append(query, IDENTIFIER, identifiers, TokenValue::format);
        append(query, SCHEDULE, scheduleIds, SearchValues::escape);
        append(query, SCHEDULE_ACTOR, actors, ReferenceValue::asReference);
        append(query, STATUS, statuses, SearchValues::escape);
        append(query, START, starts, DateCondition::format);
        append(query, SERVICE_TYPE, serviceTypes, TokenValue::format);
        append(query, SPECIALTY, specialties, TokenValue::format);
        append(query, APPOINTMENT_TYPE, appointmentTypes, TokenValue::format);
        append(query, LAST_UPDATED, lastUpdated, DateCondition::format);
        return query.toString();
    }

    private static <T> void append(StringJoiner query, String name, List<List<T>> groups, Function<T, String> format) {
        for (List<T> group : groups) {
            StringJoiner values = new StringJoiner(",");
            group.forEach(value -> values.add(format.apply(value)));
            query.add(name + "=" + URLEncoder.encode(values.toString(), StandardCharsets.UTF_8));
        }
    }

    private static <T> boolean every(List<List<T>> groups, Predicate<T> matches) {
        for (List<T> group : groups) {
            if (group.stream().noneMatch(matches)) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<List<T>> groups(List<List<T>> groups) {
        if (groups == null) {
            return List.of();
        }
        List<List<T>> copy = new ArrayList<>(groups.size());
        for (List<T> group : groups) {
            if (group.isEmpty()) {
                throw new IllegalArgumentException("a parameter occurrence needs at least one value");
            }
            copy.add(List.copyOf(group));
        }
        return List.copyOf(copy);
    }
}
