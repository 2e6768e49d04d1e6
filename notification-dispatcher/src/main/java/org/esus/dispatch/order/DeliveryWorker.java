package org.esus.dispatch.order;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.NotificationRequested;
import org.esus.dispatch.config.DispatchConfig;
import org.esus.dispatch.deliver.WebhookDelivery;
import org.esus.dispatch.outcome.OutcomeProducer;
import org.jboss.logging.Logger;

/**
 * The work of one queued notification: deliver it (with retries), publish the outcome, and only
 * then mark its offset finished, so a crash before the outcome is stored re-delivers the
 * notification rather than losing its outcome. Work of a partition this replica no longer owns
 * is skipped: the new owner delivers it. A subscription whose last notification was given up
 * gets one attempt per notification until one is delivered ({@link FailingSubscriptions}).
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    WebhookDelivery delivery;

    @Inject
    OutcomeProducer outcomes;

    @Inject
    DispatchConfig config;

    private final FailingSubscriptions failing = new FailingSubscriptions();

    /** Completes when the next notification of the same subscription may start. */
    public CompletionStage<?> process(PendingNotification pending) {
        if (!pending.partition().owned()) {
            return CompletableFuture.completedFuture(null);
        }
        NotificationRequested notification = pending.notification();
        int attempts = failing.contains(notification.subscriptionId()) ? 1 : config.maxAttempts();
        return delivery.deliver(notification, attempts, pending.partition()::owned).thenAccept(outcome -> {
            if (outcome == null) {
                return; // abandoned: the partition moved on while waiting to retry
            }
            if (outcome.outcome() == DeliveryOutcome.Outcome.DELIVERED) {
                failing.delivered(notification.subscriptionId());
            } else {
                failing.failed(notification.subscriptionId());
            }
            // The subscription's next notification need not wait for the broker's ack; the offset does.
            publishThenFinish(pending, outcome);
        }).whenComplete((ok, bug) -> {
            if (bug != null) {
                pending.partition().finished(pending.offset()); // logged by the queue; must not stall commits
            }
        });
    }

    /**
     * Marks the offset finished once the broker has the outcome. Until then the offset holds
     * back the partition's commits, so a crash re-delivers the notification rather than losing
     * its outcome; a failed publish is tried again while this replica owns the partition.
     */
    private void publishThenFinish(PendingNotification pending, DeliveryOutcome outcome) {
        outcomes.publish(outcome).whenComplete((ok, failure) -> {
            if (failure == null) {
                pending.partition().finished(pending.offset());
            } else if (pending.partition().owned()) {
                LOG.warnf("Outcome of notification %s for Subscription/%s not published (%s); trying again",
                        outcome.notificationId(), outcome.subscriptionId(), failure.getClass().getSimpleName());
                CompletableFuture.runAsync(() -> publishThenFinish(pending, outcome),
                        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
            }
        });
    }
}
