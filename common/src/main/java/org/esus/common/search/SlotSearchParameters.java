package org.esus.common.search;

import java.util.List;
import java.util.Set;

/**
 * The names of every query parameter GET /Slot understands, in three groups: criteria (what a
 * Subscription may use too), result parameters (paging, sorting, includes) and parameters that
 * are accepted and ignored. The CapabilityStatement should list {@link #CRITERIA}.
 */
public final class SlotSearchParameters {

    public static final String ID = "_id";
    public static final String IDENTIFIER = "identifier";
    public static final String SCHEDULE = "schedule";
    public static final String SCHEDULE_ACTOR = "schedule.actor";
    public static final String STATUS = "status";
    public static final String START = "start";
    /** Alias of {@link #START}: same values, same meaning. */
    public static final String DATE = "date";
    public static final String SERVICE_TYPE = "service-type";
    public static final String SPECIALTY = "specialty";
    public static final String APPOINTMENT_TYPE = "appointment-type";
    public static final String LAST_UPDATED = "_lastUpdated";

    public static final String SORT = ResultParameters.SORT;
    public static final String COUNT = ResultParameters.COUNT;
    public static final String TOTAL = ResultParameters.TOTAL;
    public static final String INCLUDE = "_include";
    public static final String CURSOR = ResultParameters.CURSOR;

    /** Filter parameters, in the order {@link SlotCriteria#toQueryString()} writes them. */
    public static final List<String> CRITERIA = List.of(ID, IDENTIFIER, SCHEDULE, SCHEDULE_ACTOR, STATUS, START,
            DATE, SERVICE_TYPE, SPECIALTY, APPOINTMENT_TYPE, LAST_UPDATED);

    /** Shape the result, not the set of matches; not allowed in Subscription criteria. */
    public static final Set<String> RESULT = Set.of(SORT, COUNT, TOTAL, INCLUDE, CURSOR);

    /** Known, accepted on GET and without effect here (the response is always JSON, never summarised). */
    public static final Set<String> IGNORED = ResultParameters.WITHOUT_EFFECT;

    private SlotSearchParameters() {
    }
}
