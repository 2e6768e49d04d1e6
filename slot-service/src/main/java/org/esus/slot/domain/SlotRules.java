package org.esus.slot.domain;

import org.esus.common.error.FhirError;
import org.esus.common.fhir.References;
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
        String scheduleId = References.idOf(slot.getSchedule().getReference(), "Schedule");
        if (scheduleId == null) {
            throw FhirError.businessRule("Slot.schedule must reference a Schedule, e.g. Schedule/{id}");
        }
        return scheduleId;
    }
}
