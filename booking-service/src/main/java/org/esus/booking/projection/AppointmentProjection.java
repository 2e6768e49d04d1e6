package org.esus.booking.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.domain.BookedAppointment;
import org.esus.booking.domain.SlotClaimer;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.esus.common.events.AppointmentDraft;
import org.esus.common.events.ConsumerLoop;
import org.esus.common.events.EventRecords;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.Topics;
import org.esus.common.fhir.FhirInstants;
import org.jboss.logging.Logger;

/**
 * Settles granted claims whose request died or gave up before writing its Appointment. Reads
 * esus.slot.claims (group booking-service-appointments) {@code esus.booking.projection-delay}
 * behind the decisions, which is longer than any request's deadline, so by the time it looks, a
 * live request has either written its row or will never write it. For each CLAIMED decision:
 * <ul>
 * <li>its Appointment exists and lists the slot: nothing to do (the common case);</li>
 * <li>it does not exist, books one slot and has an identifier: the projection writes it from the
 * decision, as the request would have (a booking granted is a booking made; a retry with its
 * identifier finds it);</li>
 * <li>it does not exist and has no identifier (its client could never find it) or books several
 * slots (the other confirms may not have been granted: all or none), or it exists without this
 * slot: the claim is released.</li>
 * </ul>
 * Rows are inserted with ON CONFLICT DO NOTHING and releases are idempotent, so a batch consumed
 * twice does no harm. Offsets are committed after the batch is settled.
 */
@ApplicationScoped
public class AppointmentProjection {

    private static final Logger LOG = Logger.getLogger(AppointmentProjection.class);

    @Inject
    AppointmentStore store;

    @Inject
    SlotClaimer claimer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.booking.projection-delay")
    Duration delay;

    @ConfigProperty(name = "esus.booking.decision-timeout")
    Duration decisionTimeout;

    @ConfigProperty(name = "esus.booking.release-timeout")
    Duration releaseTimeout;

    /** The claim store's: a replica that dies hands over its projection partitions as soon as its stream tasks. */
    @ConfigProperty(name = "kafka-streams.consumer.session.timeout.ms", defaultValue = "45000")
    int sessionTimeoutMs;

    @ConfigProperty(name = "kafka-streams.consumer.heartbeat.interval.ms", defaultValue = "3000")
    int heartbeatIntervalMs;

    private ConsumerLoop loop;

    void onStart(@Observes StartupEvent event) {
        if (delay.compareTo(decisionTimeout) <= 0) {
            throw new IllegalStateException("esus.booking.projection-delay (" + delay
                    + ") must be longer than esus.booking.decision-timeout (" + decisionTimeout + ")");
        }
        // "earliest": a partition this group never committed on may hold claims of a request that died
        // (settling is idempotent, and decisions from before drafts existed carry none and are skipped)
        loop = new ConsumerLoop(bootstrapServers, "booking-service-appointments", Topics.SLOT_CLAIMS, "earliest",
                this::settle, () -> true)
                .with(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs)
                .with(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatIntervalMs);
        loop.start("appointment-projection");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    private void settle(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        List<SlotClaimDecision> granted = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            SlotClaimDecision decision = EventRecords.read(record, SlotClaimDecision.class);
            if (decision != null && decision.outcome() == Outcome.CLAIMED && decision.appointment() != null) {
                granted.add(decision);
            }
        }
        if (granted.isEmpty()) {
            return;
        }
        awaitDelay(granted.stream().map(SlotClaimDecision::decidedAt).max(Instant::compareTo).orElseThrow());

        Map<UUID, List<String>> existing = store.slotsOf(granted.stream().map(d -> UUID.fromString(d.appointmentId()))
                .distinct().toList());
        Map<UUID, AppointmentEntity> missing = new LinkedHashMap<>();
        Map<String, List<String>> toRelease = new LinkedHashMap<>();
        for (SlotClaimDecision decision : granted) {
            UUID id = UUID.fromString(decision.appointmentId());
            List<String> slots = existing.get(id);
            if (slots != null ? !slots.contains(decision.slotId()) : !recoverable(decision.appointment())) {
                toRelease.computeIfAbsent(decision.appointmentId(), a -> new ArrayList<>()).add(decision.slotId());
            } else if (slots == null) {
                missing.putIfAbsent(id, BookedAppointment.row(decision.appointmentId(), decision.appointment(),
                        List.of(decision), FhirInstants.now()));
            }
        }
        if (!missing.isEmpty()) {
            int written = store.insertMissing(List.copyOf(missing.values()));
            LOG.infof("Wrote %d granted booking(s) whose request did not: %s", written, missing.keySet());
        }
        toRelease.forEach((appointmentId, slots) -> {
            if (!claimer.release(appointmentId, slots, Instant.now().plus(releaseTimeout))) {
                throw new IllegalStateException("The release of " + slots.size() + " claim(s) was not decided in time");
            }
            LOG.infof("Released %d claim(s) of appointment %s, which was never written", slots.size(), appointmentId);
        });
    }

    /**
     * A booking its client can still find, so the projection writes it: one slot (all or none holds
     * trivially) and an identifier, which a retry sends and finds. Without one, the client that saw
     * 503 would never learn of the booking and the slot would stay taken by it: released instead.
     */
    private static boolean recoverable(AppointmentDraft draft) {
        return draft.slotIds().size() == 1 && draft.identifierKey() != null;
    }

    /** Waits until the newest decision is {@code delay} old; a stop abandons the batch (it is consumed again). */
    private void awaitDelay(Instant newest) throws InterruptedException {
        Instant due = newest.plus(delay);
        while (Instant.now().isBefore(due)) {
            if (loop.stopping()) {
                throw new IllegalStateException("stopping");
            }
            Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), due).toMillis())));
        }
    }
}
