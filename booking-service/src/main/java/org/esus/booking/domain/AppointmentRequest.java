package org.esus.booking.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.esus.common.error.FhirError;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.References;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * A booking request checked against CONTRACT section 4 before anything is stored or published:
 * a bookable status, at least one well-formed slot reference, and the idempotency key from
 * {@code If-None-Exist: identifier=...} or the Appointment's first identifier.
 */
public record AppointmentRequest(Appointment appointment, List<String> slotIds, String identifierKey, List<String> actors) {

    /** The longest idempotency key ({@code system|value}, UTF-8) the unique index takes. */
    static final int MAX_IDENTIFIER_KEY_BYTES = 1024;

    private static final Set<AppointmentStatus> BOOKABLE =
            Set.of(AppointmentStatus.PROPOSED, AppointmentStatus.PENDING, AppointmentStatus.BOOKED);

    public static AppointmentRequest of(Appointment appointment, String ifNoneExist) {
        if (appointment.getStatus() == null) {
            throw FhirError.invalid("Appointment.status is required (proposed, pending or booked)");
        }
        if (!BOOKABLE.contains(appointment.getStatus())) {
            throw FhirError.businessRule("A booking must have status proposed, pending or booked, not "
                    + appointment.getStatus().toCode());
        }
        if (appointment.getSlot().isEmpty()) {
            throw FhirError.businessRule("An Appointment must reference at least one Slot to be booked");
        }
        return new AppointmentRequest(appointment, slotIds(appointment), identifierKey(appointment, ifNoneExist),
                actors(appointment));
    }

    static List<String> slotIds(Appointment appointment) {
        Set<String> ids = new LinkedHashSet<>();
        for (Reference slot : appointment.getSlot()) {
            String reference = slot.getReference();
            String id = References.idOf(reference, "Slot");
            if (id == null || FhirIds.parseOrNull(id) == null) {
                throw FhirError.badValue("Appointment.slot must reference a Slot as Slot/{id}, not '"
                        + (reference == null ? "" : reference) + "'");
            }
            if (!ids.add(id)) {
                throw FhirError.badValue("Appointment.slot lists Slot/" + id + " twice");
            }
        }
        return List.copyOf(ids);
    }

    static List<String> actors(Appointment appointment) {
        List<String> actors = new ArrayList<>();
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            if (!participant.hasActor()) {
                continue;
            }
            String reference = participant.getActor().getReference();
            String normalized = References.normalize(reference);
            if (normalized == null) {
                throw FhirError.badValue("Appointment.participant.actor must be a reference such as Patient/{id}, not '"
                        + (reference == null ? "" : reference) + "'");
            }
            actors.add(normalized);
        }
        return List.copyOf(actors);
    }

    private static String identifierKey(Appointment appointment, String ifNoneExist) {
        String key = null;
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            key = IfNoneExist.identifierKey(ifNoneExist);
        } else {
            for (Identifier identifier : appointment.getIdentifier()) {
                if (identifier.hasValue()) {
                    key = (identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue();
                    break;
                }
            }
        }
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_KEY_BYTES) {
            // The key has a unique index, and PostgreSQL refuses index entries over about 2.7 kB.
            throw FhirError.badValue("The Appointment's identifier (system and value together) may have at most "
                    + MAX_IDENTIFIER_KEY_BYTES + " bytes");
        }
        return key;
    }
}
