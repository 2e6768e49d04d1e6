package org.esus.common.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Slot;

/**
 * What a Slot looks like to search: exactly the values the search parameters read, so the
 * in-memory matcher never touches a HAPI resource and the SQL side knows which columns it needs.
 *
 * @param id               the Slot's logical id
 * @param identifiers      Slot.identifier as (system, value)
 * @param scheduleId       the id part of Slot.schedule
 * @param actors           the Schedule's actor references, {@code Type/id}
 * @param status           Slot.status code
 * @param start            Slot.start
 * @param lastUpdated      meta.lastUpdated
 * @param serviceTypes     codings of Slot.serviceType
 * @param specialties      codings of Slot.specialty
 * @param appointmentTypes codings of Slot.appointmentType
 */
public record SlotFacts(
        String id,
        List<TokenValue> identifiers,
        String scheduleId,
        List<String> actors,
        String status,
        Instant start,
        Instant lastUpdated,
        List<TokenValue> serviceTypes,
        List<TokenValue> specialties,
        List<TokenValue> appointmentTypes) {

    public SlotFacts {
        identifiers = copy(identifiers);
        actors = copy(actors);
        serviceTypes = copy(serviceTypes);
        specialties = copy(specialties);
        appointmentTypes = copy(appointmentTypes);
    }

    /**
     * Extracts the facts from a HAPI Slot. The Schedule's actors are not in the Slot, so the
     * caller passes them (slot-service from its store, the matcher from {@code SlotChanged.actors}).
     * Slot.serviceCategory is deliberately absent: it is not a search parameter.
     */
    public static SlotFacts of(Slot slot, List<String> scheduleActors) {
        List<TokenValue> identifiers = new ArrayList<>();
        for (Identifier identifier : slot.getIdentifier()) {
            if (identifier.hasValue()) {
                identifiers.add(new TokenValue(identifier.getSystem(), identifier.getValue()));
            }
        }
        String scheduleId = slot.hasSchedule() && slot.getSchedule().hasReference()
                ? slot.getSchedule().getReferenceElement().getIdPart()
                : null;
        return new SlotFacts(
                slot.getIdElement().getIdPart(),
                identifiers,
                scheduleId,
                scheduleActors,
                slot.hasStatus() ? slot.getStatusElement().getValueAsString() : null,
                slot.hasStart() ? slot.getStart().toInstant() : null,
                slot.getMeta().hasLastUpdated() ? slot.getMeta().getLastUpdated().toInstant() : null,
                codings(slot.getServiceType()),
                codings(slot.getSpecialty()),
                slot.hasAppointmentType() ? codings(List.of(slot.getAppointmentType())) : List.of());
    }

    /** Every coding with a code; a token search matches codings, not CodeableConcept.text. */
    private static List<TokenValue> codings(List<CodeableConcept> concepts) {
        List<TokenValue> out = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    out.add(new TokenValue(coding.getSystem(), coding.getCode()));
                }
            }
        }
        return out;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
