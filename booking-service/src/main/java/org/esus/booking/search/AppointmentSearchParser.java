package org.esus.booking.search;

import static org.esus.common.search.ResultParameters.COUNT;
import static org.esus.common.search.ResultParameters.CURSOR;
import static org.esus.common.search.ResultParameters.SORT;
import static org.esus.common.search.ResultParameters.TOTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.esus.common.search.DateCondition;
import org.esus.common.search.PagingParameters;
import org.esus.common.search.ReferenceValue;
import org.esus.common.search.ResultParameters;
import org.esus.common.search.SearchValues;
import org.esus.common.search.TokenValue;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;

/**
 * Reads GET /Appointment parameters (CONTRACT section 4) with the shared search grammar, so a
 * reference, token or date means here what it means in a Slot search and every client mistake
 * is the same 400 naming the parameter. Unknown names are collected, not rejected.
 */
final class AppointmentSearchParser {

    private static final String SLOT = "slot";
    private static final String ACTOR = "actor";
    private static final String PRACTITIONER = "practitioner";
    private static final String PATIENT = "patient";
    private static final String STATUS = "status";
    private static final String DATE = "date";

    private static final Set<String> KNOWN = Set.of(SLOT, ACTOR, PRACTITIONER, PATIENT, STATUS, DATE,
            SORT, COUNT, TOTAL, CURSOR);
    /**
     * The types Appointment.participant.actor may refer to (R4), which are the targets of the
     * {@code actor} search parameter: a bare id means any of them, and stays an index lookup.
     */
    private static final List<String> ACTOR_TYPES = List.of("Patient", "Practitioner", "PractitionerRole",
            "RelatedPerson", "Device", "HealthcareService", "Location");
    private static final String STATUS_SYSTEM = "http://hl7.org/fhir/appointmentstatus";
    private static final List<String> STATUS_CODES = Arrays.stream(AppointmentStatus.values())
            .filter(status -> status != AppointmentStatus.NULL).map(AppointmentStatus::toCode).toList();

    private final List<List<String>> slotIds = new ArrayList<>();
    private final List<List<String>> actors = new ArrayList<>();
    private final List<List<String>> statuses = new ArrayList<>();
    private final List<List<DateCondition>> dates = new ArrayList<>();
    private final PagingParameters paging = new PagingParameters();
    private final List<String> unknown = new ArrayList<>();
    private AppointmentSort sort = AppointmentSort.ID;

    private AppointmentSearchParser() {
    }

    /** {@code parameters}: name → the (URL-decoded) value of each occurrence, in request order. */
    static AppointmentSearchRequest parse(Map<String, List<String>> parameters) {
        AppointmentSearchParser parser = new AppointmentSearchParser();
        parameters.forEach((name, values) -> {
            if (name != null && !ResultParameters.WITHOUT_EFFECT.contains(name)) {
                ResultParameters.rejectModifierOfKnown(name, KNOWN::contains);
                parser.read(name, values);
            }
        });
        return new AppointmentSearchRequest(
                new AppointmentCriteria(parser.slotIds, parser.actors, parser.statuses, parser.dates),
                parser.sort, parser.paging, parser.unknown);
    }

    private void read(String name, List<String> values) {
        if (paging.read(name, values)) {
            return;
        }
        switch (name) {
            case SLOT -> groups(name, values, slotIds, v -> List.of(reference(name, v, "Slot").id()));
            case ACTOR -> groups(name, values, actors, AppointmentSearchParser::actor);
            case PRACTITIONER -> groups(name, values, actors, v -> List.of(reference(name, v, "Practitioner").asReference()));
            case PATIENT -> groups(name, values, actors, v -> List.of(reference(name, v, "Patient").asReference()));
            case STATUS -> groups(name, values, statuses, AppointmentSearchParser::status);
            case DATE -> groups(name, values, dates, v -> List.of(DateCondition.parse(name, SearchValues.unescape(v))));
            case SORT -> sort = AppointmentSort.parse(ResultParameters.single(name, values));
            default -> unknown.add(name);
        }
    }

    /** One group per occurrence; each comma-separated alternative adds the column values it stands for. */
    private static <T> void groups(String name, List<String> occurrences, List<List<T>> groups,
            Function<String, List<T>> alternative) {
        if (occurrences.isEmpty()) {
            throw SearchValues.badValue(name, "", "is empty");
        }
        for (String occurrence : occurrences) {
            List<T> group = new ArrayList<>();
            SearchValues.alternatives(name, occurrence).forEach(piece -> group.addAll(alternative.apply(piece)));
            groups.add(group);
        }
    }

    private static ReferenceValue reference(String name, String piece, String type) {
        return ReferenceValue.parseTo(name, SearchValues.unescape(piece), type);
    }

    /** A typed reference as written; a bare id is that id under every type an actor can have. */
    private static List<String> actor(String piece) {
        ReferenceValue reference = ReferenceValue.parse(ACTOR, SearchValues.unescape(piece));
        if (reference.type() != null) {
            return List.of(reference.asReference());
        }
        return ACTOR_TYPES.stream().map(type -> type + "/" + reference.id()).toList();
    }

    /**
     * A token on Appointment.status, whose codes belong to {@value #STATUS_SYSTEM}: a code of
     * another system can match nothing, {@code system|} matches every status, and an unknown code
     * is a 400 (a typo must not look like "no appointments").
     */
    private static List<String> status(String piece) {
        TokenValue token = TokenValue.parse(STATUS, piece);
        if (token.system() != null && !token.system().equals(STATUS_SYSTEM)) {
            return List.of();
        }
        if (token.code() == null) {
            return STATUS_CODES;
        }
        if (!STATUS_CODES.contains(token.code())) {
            throw SearchValues.badValue(STATUS, piece, "is not an Appointment status (" + String.join(", ", STATUS_CODES) + ")");
        }
        return List.of(token.code());
    }
}
