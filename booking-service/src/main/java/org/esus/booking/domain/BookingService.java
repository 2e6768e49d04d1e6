package org.esus.booking.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.domain.SlotClaimer.Result;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.esus.booking.store.BookingState;
import org.esus.common.error.FhirError;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment;

/**
 * Booking an appointment (CONTRACT section 4): the request is recorded as CLAIMING, its slots are
 * claimed through the claim store, and the row becomes BOOKED, or disappears when a slot was not
 * available. A request that times out leaves the row CLAIMING; {@code ClaimReconciler} releases it.
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

    public Booking book(Appointment appointment, String ifNoneExist) {
        AppointmentRequest request = AppointmentRequest.of(appointment, ifNoneExist);
        Instant deadline = Instant.now().plus(decisionTimeout);
        if (request.identifierKey() != null) {
            Optional<Booking> earlier = earlierResult(request.identifierKey(), deadline);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        AppointmentEntity row = claimingRow(request);
        if (!store.insertClaiming(row)) {
            // a concurrent request with the same identifier got there first: answer as it does
            return earlierResult(request.identifierKey(), deadline)
                    .orElseThrow(() -> FhirError.conflict(NOT_AVAILABLE));
        }
        Timer.Sample sample = Timer.start(meters);
        Result result = claimer.claim(row.id.toString(), request.slotIds(), deadline);
        sample.stop(meters.timer("esus.booking.claims", "verdict", result.verdict().name().toLowerCase()));
        return switch (result.verdict()) {
            case CLAIMED -> new Booking(finish(row, request.appointment(), result), true);
            case UNAVAILABLE -> {
                store.deleteIf(row.id, BookingState.CLAIMING);
                throw FhirError.conflict(NOT_AVAILABLE);
            }
            case UNKNOWN_SLOT -> {
                store.deleteIf(row.id, BookingState.CLAIMING);
                throw FhirError.businessRule("Appointment.slot references a Slot that does not exist");
            }
            case TIMED_OUT -> throw FhirError.unavailable(
                    "The booking was not decided in time; retry with the same identifier", null);
        };
    }

    /**
     * What an earlier request with this identifier ended with: its appointment, a conflict when
     * it is gone (it was rejected, so this one would be too, unless the slot freed up), or a wait
     * while it is still being decided.
     */
    private Optional<Booking> earlierResult(String identifierKey, Instant deadline) {
        while (true) {
            Optional<AppointmentEntity> earlier = store.findByIdentifier(identifierKey);
            if (earlier.isEmpty()) {
                return Optional.empty();
            }
            AppointmentEntity row = earlier.get();
            if (row.state.visible()) {
                return Optional.of(new Booking(AppointmentViews.stored(row), false));
            }
            if (Instant.now().isAfter(deadline)) {
                throw FhirError.unavailable("An earlier request with this identifier is still being decided", null);
            }
            pause();
        }
    }

    private AppointmentEntity claimingRow(AppointmentRequest request) {
        AppointmentEntity row = new AppointmentEntity();
        row.id = UUID.fromString(FhirIds.newId());
        row.identifierKey = request.identifierKey();
        row.status = request.appointment().getStatus().toCode();
        row.createdAt = now();
        row.start = request.appointment().hasStart() ? request.appointment().getStart().toInstant() : null;
        row.end = request.appointment().hasEnd() ? request.appointment().getEnd().toInstant() : null;
        row.slotIds = request.slotIds().toArray(String[]::new);
        row.actors = request.actors().toArray(String[]::new);
        row.resource = FhirJson.write(request.appointment());
        return row;
    }

    private StoredResource finish(AppointmentEntity claiming, Appointment appointment, Result result) {
        Instant now = now();
        appointment.setId(claiming.id.toString());
        appointment.setStatus(AppointmentStatus.BOOKED);
        if (!appointment.hasStart()) {
            result.decisions().stream().map(SlotClaimDecision::slotStart).filter(Objects::nonNull).min(Instant::compareTo)
                    .ifPresent(start -> appointment.setStart(Date.from(start)));
        }
        if (!appointment.hasEnd()) {
            result.decisions().stream().map(SlotClaimDecision::slotEnd).filter(Objects::nonNull).max(Instant::compareTo)
                    .ifPresent(end -> appointment.setEnd(Date.from(end)));
        }
        appointment.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        AppointmentEntity[] booked = new AppointmentEntity[1];
        boolean mine = store.transition(claiming.id, BookingState.CLAIMING, row -> {
            row.state = BookingState.BOOKED;
            row.status = AppointmentStatus.BOOKED.toCode();
            row.versionId = 1;
            row.lastUpdated = now;
            row.start = appointment.hasStart() ? appointment.getStart().toInstant() : null;
            row.end = appointment.hasEnd() ? appointment.getEnd().toInstant() : null;
            row.resource = FhirJson.write(appointment);
            booked[0] = row;
        });
        if (!mine) {
            // the reconciler gave up on this claim and is releasing it: the booking did not happen
            throw FhirError.unavailable("The booking was not decided in time; retry with the same identifier", null);
        }
        return AppointmentViews.stored(booked[0]);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FhirError.unavailable("Interrupted", e);
        }
    }
}
