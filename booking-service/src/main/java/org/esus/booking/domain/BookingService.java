package org.esus.booking.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.domain.SlotClaimer.Result;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.esus.common.error.FhirError;
import org.esus.common.events.AppointmentDraft;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.StoredResource;
import org.hl7.fhir.r4.model.Appointment;

/**
 * Booking an appointment (CONTRACT section 4): the slots are claimed through the claim store, and
 * the Appointment is written once, when every claim was granted, before the request's deadline.
 * A request that dies or times out after its claims were granted leaves that write to the
 * appointment projection, which reads the decisions; nothing is written for a refused claim.
 */
@ApplicationScoped
public class BookingService {

    /** The conflict answer, exactly as CONTRACT section 4 spells it. */
    public static final String NOT_AVAILABLE = "Slot is not available";

    @Inject
    AppointmentStore store;

    @Inject
    SlotClaimer claimer;

    @ConfigProperty(name = "esus.booking.decision-timeout")
    Duration decisionTimeout;

    @Inject
    MeterRegistry meters;

    /** A booking and whether it was made now (201) or found from an earlier request (200). */
    public record Booking(StoredResource appointment, boolean created) {
    }

    public CompletableFuture<Booking> book(Appointment appointment, String ifNoneExist) {
        AppointmentRequest request = AppointmentRequest.of(appointment, ifNoneExist);
        if (request.identifierKey() != null) {
            Optional<AppointmentEntity> earlier = store.findByIdentifier(request.identifierKey());
            if (earlier.isPresent()) {
                return CompletableFuture.completedFuture(new Booking(AppointmentViews.stored(earlier.get()), false));
            }
        }
        Instant deadline = Instant.now().plus(decisionTimeout);
        String id = BookedAppointment.idFor(request);
        AppointmentDraft draft = BookedAppointment.draft(id, request);
        Timer.Sample sample = Timer.start(meters);
        // The row is written on a worker thread: decisions complete the claim on the listener's thread.
        return claimer.claim(id, request.slotIds(), draft, deadline).thenApplyAsync(result -> {
            sample.stop(meters.timer("esus.booking.claims", "verdict", result.verdict().name().toLowerCase()));
            return switch (result.verdict()) {
                case CLAIMED -> write(id, draft, result, deadline);
                case UNAVAILABLE -> throw FhirError.conflict(NOT_AVAILABLE);
                case UNKNOWN_SLOT -> throw FhirError.businessRule("Appointment.slot references a Slot that does not exist");
                case TIMED_OUT -> throw notInTime();
            };
        }, Infrastructure.getDefaultWorkerPool());
    }

    private Booking write(String id, AppointmentDraft draft, Result result, Instant deadline) {
        AppointmentEntity row = BookedAppointment.row(id, draft, result.decisions(), FhirInstants.now());
        if (store.insertBooked(row, deadline)) {
            return new Booking(AppointmentViews.stored(row), true);
        }
        AppointmentEntity earlier = store.find(row.id).orElseThrow(BookingService::notInTime);
        // A request with the same identifier booked first; slots this one claimed besides go back.
        List<String> extra = new ArrayList<>(draft.slotIds());
        extra.removeAll(Arrays.asList(earlier.slotIds));
        if (!extra.isEmpty()) {
            claimer.release(id, extra, Instant.now().plus(decisionTimeout));
        }
        return new Booking(AppointmentViews.stored(earlier), false);
    }

    /** Past its deadline a request no longer writes: the appointment projection settles the claims. */
    private static FhirError notInTime() {
        return FhirError.unavailable("The booking was not decided in time; retry with the same identifier", null);
    }
}
