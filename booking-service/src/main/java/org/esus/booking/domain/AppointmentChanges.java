package org.esus.booking.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.esus.booking.store.BookingState;
import org.esus.common.error.FhirError;
import org.esus.common.events.EventJson;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.common.fhir.VersionTags;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment;

/**
 * Reading, updating and cancelling booked appointments. Cancelling (PUT with status cancelled or
 * entered-in-error, or DELETE) records CANCELLING and releases the claims; the row becomes
 * CANCELLED once every release is decided, or the reconciler sends them again.
 */
@ApplicationScoped
public class AppointmentChanges {

    /** Statuses that keep the appointment's claim on its slots. */
    private static final Set<AppointmentStatus> HOLDING = Set.of(AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED,
            AppointmentStatus.CHECKEDIN, AppointmentStatus.FULFILLED, AppointmentStatus.NOSHOW);
    /** Statuses that give the slots back. */
    private static final Set<AppointmentStatus> RELEASING = Set.of(AppointmentStatus.CANCELLED,
            AppointmentStatus.ENTEREDINERROR);

    @Inject
    AppointmentStore store;

    @Inject
    SlotClaimer claimer;

    @ConfigProperty(name = "esus.booking.decision-timeout")
    Duration decisionTimeout;

    public StoredResource read(String id) {
        return AppointmentViews.stored(visible(store.find(FhirIds.require("Appointment", id)).orElse(null), id));
    }

    public StoredResource update(String id, Appointment changed, String ifMatch) {
        UUID uuid = FhirIds.require("Appointment", id);
        if (changed.getStatus() == null) {
            throw FhirError.invalid("Appointment.status is required");
        }
        List<String> slots = AppointmentRequest.slotIds(changed);
        List<String> actors = AppointmentRequest.actors(changed);
        AppointmentEntity row = store.change(uuid, locked -> {
            AppointmentEntity current = visible(locked, id);
            VersionTags.checkIfMatch(ifMatch, current.versionId);
            if (!slots.equals(Arrays.asList(current.slotIds))) {
                throw FhirError.businessRule("The slots of a booked Appointment cannot change; cancel it and book again");
            }
            AppointmentStatus was = AppointmentStatus.fromCode(current.status);
            AppointmentStatus next = changed.getStatus();
            if (RELEASING.contains(was) && next != was) {
                throw FhirError.businessRule("A " + was.toCode() + " Appointment cannot be changed to " + next.toCode()
                        + "; book again");
            }
            if (!HOLDING.contains(next) && !RELEASING.contains(next)) {
                throw FhirError.businessRule("A booked Appointment cannot go back to " + next.toCode());
            }
            if (RELEASING.contains(next) && !RELEASING.contains(was)) {
                current.state = BookingState.CANCELLING;
            }
            current.actors = actors.toArray(String[]::new);
            write(current, changed);
            return current;
        });
        releaseIfCancelling(row);
        return AppointmentViews.stored(row);
    }

    /** DELETE: cancels and hides the appointment (later reads answer 410). */
    public void delete(String id, String ifMatch) {
        UUID uuid = FhirIds.require("Appointment", id);
        AppointmentEntity row = store.change(uuid, locked -> {
            AppointmentEntity current = visible(locked, id);
            VersionTags.checkIfMatch(ifMatch, current.versionId);
            ObjectNode resource = (ObjectNode) EventJson.tree(current.resource);
            if (!RELEASING.contains(AppointmentStatus.fromCode(current.status))) {
                resource.put("status", AppointmentStatus.CANCELLED.toCode());
                current.status = AppointmentStatus.CANCELLED.toCode();
                current.state = BookingState.CANCELLING;
            }
            current.deleted = true;
            current.versionId++;
            current.lastUpdated = FhirInstants.now();
            current.resource = EventJson.write(AppointmentJson.stamped(resource, current.versionId, current.lastUpdated));
            return current;
        });
        releaseIfCancelling(row);
    }

    private void releaseIfCancelling(AppointmentEntity row) {
        if (row.state != BookingState.CANCELLING) {
            return;
        }
        // Waiting here means a client that cancels and then books the same slot is decided after the release.
        if (claimer.release(row.id.toString(), Arrays.asList(row.slotIds), Instant.now().plus(decisionTimeout))) {
            store.markReleased(row.id);
        }
    }

    private static void write(AppointmentEntity row, Appointment appointment) {
        Instant now = FhirInstants.now();
        row.versionId++;
        row.lastUpdated = now;
        appointment.setId(row.id.toString());
        appointment.getMeta().setVersionId(Long.toString(row.versionId)).setLastUpdated(Date.from(now));
        row.status = appointment.getStatus().toCode();
        row.start = appointment.hasStart() ? appointment.getStart().toInstant() : null;
        row.end = appointment.hasEnd() ? appointment.getEnd().toInstant() : null;
        row.resource = FhirJson.write(appointment);
    }

    private static AppointmentEntity visible(AppointmentEntity row, String id) {
        if (row == null) {
            throw FhirError.notFound("Appointment/" + id + " is not known");
        }
        if (row.deleted) {
            throw FhirError.gone("Appointment/" + id + " has been deleted");
        }
        return row;
    }
}
