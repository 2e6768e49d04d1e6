package org.esus.slot.domain;

import org.esus.common.error.FhirError;
import org.esus.common.fhir.References;
import java.util.ArrayList;
import java.util.List;
import org.esus.slot.store.TokenColumns;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Slot;

/** What a Slot must satisfy to be stored (its required elements and a start before its end). */
final class SlotRules {

    private SlotRules() {
    }

    /** Validates the Slot; returns the id of the Schedule it references. */
    static String validate(Slot slot) {
        if (!slot.hasStatus()) {
            throw FhirError.invalid("Slot.status is required");
        }
        if (!slot.hasStart() || !slot.hasEnd()) {
            throw FhirError.invalid("Slot.start and Slot.end are required");
        }
        if (!slot.getEnd().after(slot.getStart())) {
            throw FhirError.badValue("Slot.end must be after Slot.start");
        }
        if (!slot.hasSchedule() || !slot.getSchedule().hasReference()) {
            throw FhirError.invalid("Slot.schedule is required");
        }
        requireUriSystems(slot);
        String scheduleId = References.idOf(slot.getSchedule().getReference(), "Schedule");
        if (scheduleId == null) {
            throw FhirError.businessRule("Slot.schedule must reference a Schedule, e.g. Schedule/{id}");
        }
        return scheduleId;
    }

    private static void requireUriSystems(Slot slot) {
        for (int i = 0; i < slot.getIdentifier().size(); i++) {
            Identifier identifier = slot.getIdentifier().get(i);
            TokenColumns.requireUri(identifier.getSystem(), "Slot.identifier[" + i + "]");
            TokenColumns.requireIndexable(identifier.getSystem(), identifier.getValue(), "Slot.identifier[" + i + "]");
        }
        List<CodeableConcept> concepts = new ArrayList<>(slot.getServiceType());
        concepts.addAll(slot.getSpecialty());
        if (slot.hasAppointmentType()) {
            concepts.add(slot.getAppointmentType());
        }
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                TokenColumns.requireUri(coding.getSystem(), "Slot coding");
            }
        }
    }
}
