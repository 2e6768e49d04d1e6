package org.esus.slot.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.esus.common.error.FhirError;
import org.esus.common.fhir.References;
import org.esus.slot.store.TokenColumns;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;

/** What a Schedule must satisfy to be stored, and its actors in the normalized form matching uses. */
final class ScheduleRules {

    private ScheduleRules() {
    }

    /** Validates the actors and rewrites them to {@code Type/id}; returns them in order, without repeats. */
    static List<String> normalizedActors(Schedule schedule) {
        if (schedule.getActor().isEmpty()) {
            throw FhirError.invalid("Schedule.actor is required (at least one reference, e.g. Practitioner/{id})");
        }
        Set<String> actors = new LinkedHashSet<>();
        for (int i = 0; i < schedule.getActor().size(); i++) {
            Reference actor = schedule.getActor().get(i);
            String normalized = References.normalize(actor.getReference());
            if (normalized == null) {
                throw FhirError.invalid("Schedule.actor[" + i + "] must be a reference such as Practitioner/{id}");
            }
            actor.setReference(normalized);
            actors.add(normalized);
        }
        for (int i = 0; i < schedule.getIdentifier().size(); i++) {
            TokenColumns.requireUri(schedule.getIdentifier().get(i).getSystem(), "Schedule.identifier[" + i + "]");
        }
        return new ArrayList<>(actors);
    }
}
