package org.esus.common.events;

import java.util.List;

/**
 * The Appointment a booking asks for, travelling on its claim commands and their CLAIMED
 * decisions, so that booking-service can write the Appointment from the decision topic when the
 * request that asked for it died before writing it (the appointment projection).
 *
 * @param resource      the Appointment as FHIR JSON, with its id and {@code status: booked},
 *                      without {@code meta}; start and end come from the slots when it has none
 * @param identifierKey the idempotency key ({@code system|value}), or null
 * @param slotIds       every Slot the appointment books, in request order
 * @param actors        participant.actor references, normalized to {@code Type/id}
 */
public record AppointmentDraft(String resource, String identifierKey, List<String> slotIds, List<String> actors) {

    public AppointmentDraft {
        slotIds = slotIds == null ? List.of() : List.copyOf(slotIds);
        actors = actors == null ? List.of() : List.copyOf(actors);
    }
}
