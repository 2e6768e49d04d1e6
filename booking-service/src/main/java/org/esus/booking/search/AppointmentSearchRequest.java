package org.esus.booking.search;

import java.util.List;
import org.esus.common.search.PagingParameters;

/**
 * A parsed GET /Appointment: the filter plus how to shape the result.
 *
 * @param sort              result order, by id when {@code _sort} is absent
 * @param paging            {@code _count}, {@code _total} and {@code _cursor}
 * @param unknownParameters names not understood, in request order
 */
record AppointmentSearchRequest(AppointmentCriteria criteria, AppointmentSort sort, PagingParameters paging,
        List<String> unknownParameters) {
}
