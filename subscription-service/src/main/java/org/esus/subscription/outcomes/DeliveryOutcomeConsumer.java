package org.esus.subscription.outcomes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.EventJson;
import org.esus.common.events.Topics;
import org.esus.common.fhir.FhirIds;
import org.esus.subscription.domain.SubscriptionService;
import org.esus.common.events.ConsumerLoop;
import org.jboss.logging.Logger;

/**
 * Reads esus.delivery.outcomes (group subscription-outcomes): a FAILED notification turns its
 * Subscription to {@code error} with the reason as Subscription.error, the next DELIVERED one
 * turns it back to {@code active} (and a {@code requested} topic-based one, whose handshake it
 * confirms, to {@code active}). Both are new, published versions. Outcomes are keyed by
 * subscription id, so one subscription's outcomes apply in the order the dispatcher decided them;
 * applying one twice (a redelivery after a crash) changes nothing the second time.
 */
@ApplicationScoped
public class DeliveryOutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomeConsumer.class);

    @Inject
    SubscriptionService subscriptions;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ConsumerLoop loop;

    void onStart(@Observes StartupEvent event) {
        loop = new ConsumerLoop(bootstrapServers, "subscription-outcomes", Topics.DELIVERY_OUTCOMES, "earliest",
                this::apply, () -> true);
        loop.start("subscription-outcomes");
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /**
     * Outcomes are keyed by subscription id, so within a batch each subscription's come in decision
     * order and only its last one decides its state. A DELIVERED outcome changes only a
     * Subscription in error or requested, and almost none are: one query per batch finds those,
     * instead of a locked read per notification (a fan-out to 10,000 subscriptions is 10,000 outcomes).
     */
    private void apply(List<ConsumerRecord<String, String>> records) {
        Map<String, DeliveryOutcome> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            DeliveryOutcome outcome;
            try {
                outcome = EventJson.read(record.value(), DeliveryOutcome.class);
            } catch (RuntimeException e) {
                LOG.errorf("Skipping an unreadable %s record for key %s: %s", Topics.DELIVERY_OUTCOMES, record.key(),
                        e.getMessage());
                continue;
            }
            if (FhirIds.parseOrNull(outcome.subscriptionId()) != null) { // else not one of ours
                last.put(outcome.subscriptionId(), outcome);
            }
        }
        List<String> delivered = new ArrayList<>();
        for (DeliveryOutcome outcome : last.values()) {
            switch (outcome.outcome()) {
                case FAILED -> subscriptions.deliveryFailed(outcome.subscriptionId(), outcome.error());
                case DELIVERED -> delivered.add(outcome.subscriptionId());
            }
        }
        for (String id : subscriptions.inErrorOrRequested(delivered)) {
            subscriptions.delivered(id);
        }
    }
}
