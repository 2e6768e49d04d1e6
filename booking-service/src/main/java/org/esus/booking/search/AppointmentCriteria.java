package org.esus.booking.search;

import java.util.List;
import org.esus.common.search.DateCondition;

/**
 * The filter of an Appointment search. Each field is a list of groups: one group per occurrence
 * of a parameter (AND), its comma-separated values the alternatives (OR). Values are already
 * in the form the columns store.
 *
 * @param slotIds  bare Slot ids; an appointment matches a group when it holds one of them
 * @param actors   {@code Type/id} participant references ({@code actor}, {@code patient} and
 *                 {@code practitioner} all land here; a bare {@code actor} id is every type it may have)
 * @param statuses status codes; an empty group matches nothing (a code of a foreign system)
 * @param dates    conditions on Appointment.start
 */
record AppointmentCriteria(List<List<String>> slotIds, List<List<String>> actors, List<List<String>> statuses,
        List<List<DateCondition>> dates) {
}
