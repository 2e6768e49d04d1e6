package org.esus.booking.reconcile;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.domain.SlotClaimer;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.esus.booking.store.BookingState;
import org.jboss.logging.Logger;

/**
 * Finishes claims that their request could not: a booking whose request timed out or died is
 * abandoned (ABANDONING, then its slots released and the row removed), and a cancellation whose
 * release was not confirmed is released again. Releases are idempotent in the claim store, so
 * replicas that both reconcile the same row do no harm; the conditional state change keeps a late
 * request from booking what is being released.
 */
@ApplicationScoped
public class ClaimReconciler {

    private static final Logger LOG = Logger.getLogger(ClaimReconciler.class);

    @Inject
    AppointmentStore store;

    @Inject
    SlotClaimer claimer;

    @ConfigProperty(name = "esus.booking.abandon-after")
    Duration abandonAfter;

    @ConfigProperty(name = "esus.booking.decision-timeout")
    Duration decisionTimeout;

    @ConfigProperty(name = "esus.booking.release-timeout")
    Duration releaseTimeout;

    /** A claim younger than the request's own wait is not abandoned: its request may still finish it. */
    void checkTimeouts(@Observes StartupEvent event) {
        if (abandonAfter.compareTo(decisionTimeout) <= 0) {
            throw new IllegalStateException("esus.booking.abandon-after (" + abandonAfter
                    + ") must be longer than esus.booking.decision-timeout (" + decisionTimeout + ")");
        }
    }

    @Scheduled(every = "${esus.booking.reconcile-every}", delayed = "${esus.booking.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        try {
            reconcileOnce();
        } catch (RuntimeException e) {
            LOG.warnf("Reconciliation deferred: %s", e.getMessage());
        }
    }

    /** One pass over the unfinished rows; returns how many it finished. */
    public int reconcileOnce() {
        Instant now = Instant.now();
        int finished = 0;
        for (AppointmentEntity row : store.unfinished(now.minus(abandonAfter), now.minus(decisionTimeout), 100)) {
            if (finish(row)) {
                finished++;
            }
        }
        return finished;
    }

    private boolean finish(AppointmentEntity row) {
        if (row.state == BookingState.CLAIMING
                && !store.transition(row.id, BookingState.CLAIMING, r -> r.state = BookingState.ABANDONING)) {
            return false; // its request finished it meanwhile
        }
        Instant deadline = Instant.now().plus(releaseTimeout);
        if (!claimer.release(row.id.toString(), Arrays.asList(row.slotIds), deadline)) {
            return false; // try again next round
        }
        if (row.state == BookingState.CANCELLING) {
            LOG.infof("Released the claims of cancelled Appointment/%s", row.id);
            return store.transition(row.id, BookingState.CANCELLING, r -> r.state = BookingState.CANCELLED);
        }
        LOG.infof("Abandoned the undecided booking %s and released its slots", row.id);
        return store.deleteIf(row.id, BookingState.ABANDONING);
    }
}
