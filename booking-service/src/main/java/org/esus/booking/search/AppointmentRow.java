package org.esus.booking.search;

import java.time.Instant;
import java.util.UUID;

/** What a search reads of one appointment: its sort keys and the stored JSON served as is. */
record AppointmentRow(UUID id, Instant start, Instant lastUpdated, String json) {
}
