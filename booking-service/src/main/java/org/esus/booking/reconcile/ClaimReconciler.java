package org.esus.booking.reconcile;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.domain.SlotClaimer;
import org.esus.booking.store.AppointmentEntity;
import org.esus.booking.store.AppointmentStore;
import org.jboss.logging.Logger;

/**
 * Finishes cancellations that their request could not: an appointment cancelled (CANCELLING) whose
 * release was not confirmed in time is released again. Releases are idempotent in the claim store,
 * so replicas that both reconcile the same row do no harm. Bookings need no reconciling: their
 * rows are written once granted, and the appointment projection settles claims whose request died.
 */
@ApplicationScoped
public class ClaimReconciler {

    private static final Logger LOG = Logger.getLogger(ClaimReconciler.class);

    @Inject
    AppointmentStore store;

    @Inject
    SlotClaimer claimer;

    @ConfigProperty(name = "esus.booking.decision-timeout")
    Duration decisionTimeout;

    @ConfigProperty(name = "esus.booking.release-timeout")
    Duration releaseTimeout;

    @Scheduled(every = "${esus.booking.reconcile-every}", delayed = "${esus.booking.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        try {
            reconcileOnce();
        } catch (RuntimeException e) {
            LOG.warnf("Reconciliation deferred: %s", e.getMessage());
        }
    }

    /** One pass over the unreleased cancellations; returns how many it finished. */
    public int reconcileOnce() {
        int finished = 0;
        // a cancellation younger than the request's own wait may still be released by that request
        for (AppointmentEntity row : store.unreleasedCancellations(Instant.now().minus(decisionTimeout), 100)) {
            if (claimer.release(row.id.toString(), Arrays.asList(row.slotIds), Instant.now().plus(releaseTimeout))
                    && store.markReleased(row.id)) {
                LOG.infof("Released the claims of cancelled Appointment/%s", row.id);
                finished++;
            }
        }
        return finished;
    }
}
