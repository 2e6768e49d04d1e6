package org.esus.booking.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.BookingState;
import org.esus.common.events.AppointmentDraft;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;

/**
 * The one way a booked Appointment row is made, by the request that booked it or by the
 * appointment projection after that request died: from the {@link AppointmentDraft} its claim
 * commands carried and the decisions that granted them. HAPI encodes the draft once, when the
 * request is accepted; the row only adds {@code meta} and, where the client sent none, the start
 * and end of its slots.
 */
public final class BookedAppointment {

    private BookedAppointment() {
    }

    /**
     * The appointment's id: derived from its idempotency key, so that a retry, even one racing the
     * first request, claims for the same appointment and finds the same row; random without a key.
     */
    public static String idFor(AppointmentRequest request) {
        if (request.identifierKey() == null) {
            return FhirIds.newId();
        }
        return UUID.nameUUIDFromBytes(("Appointment|" + request.identifierKey()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static AppointmentDraft draft(String id, AppointmentRequest request) {
        var appointment = request.appointment(); // the request's own copy, not used after this
        appointment.setId(id);
        appointment.setStatus(AppointmentStatus.BOOKED);
        appointment.getMeta().setVersionId(null).setLastUpdated(null);
        return new AppointmentDraft(FhirJson.write(appointment), request.identifierKey(), request.slotIds(),
                request.actors());
    }

    /** Version 1 of the appointment, booked at {@code now} on the slots these decisions granted. */
    public static AppointmentEntity row(String id, AppointmentDraft draft, List<SlotClaimDecision> granted, Instant now) {
        ObjectNode source = (ObjectNode) EventJson.tree(draft.resource());
        // HAPI wrote the draft, so a start or end it has is a valid instant
        Instant start = FhirInstants.parseOrNull(source.path("start").asText(null));
        Instant end = FhirInstants.parseOrNull(source.path("end").asText(null));
        if (start == null) {
            start = granted.stream().map(SlotClaimDecision::slotStart).filter(Objects::nonNull).min(Instant::compareTo)
                    .orElse(null);
        }
        if (end == null) {
            end = granted.stream().map(SlotClaimDecision::slotEnd).filter(Objects::nonNull).max(Instant::compareTo)
                    .orElse(null);
        }
        AppointmentEntity row = new AppointmentEntity();
        row.id = UUID.fromString(id);
        row.identifierKey = draft.identifierKey();
        row.state = BookingState.BOOKED;
        row.status = AppointmentStatus.BOOKED.toCode();
        row.versionId = 1;
        row.createdAt = now;
        row.lastUpdated = now;
        row.start = start;
        row.end = end;
        row.slotIds = draft.slotIds().toArray(String[]::new);
        row.actors = draft.actors().toArray(String[]::new);
        putIfAbsent(source, "start", start);
        putIfAbsent(source, "end", end);
        row.resource = EventJson.write(AppointmentJson.stamped(source, 1, now));
        return row;
    }

    private static void putIfAbsent(ObjectNode source, String field, Instant value) {
        if (value != null && !source.has(field)) {
            source.put(field, value.toString());
        }
    }
}
