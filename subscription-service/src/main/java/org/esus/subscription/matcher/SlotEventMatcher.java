package org.esus.subscription.matcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.ConsumerLoop;
import org.esus.common.events.EventJson;
import org.esus.common.events.EventProducers;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.common.events.TransactionalBatchPublisher;
import org.esus.common.fhir.FhirJson;
import org.esus.common.search.SlotFacts;
import org.hl7.fhir.r4.model.Slot;
import org.jboss.logging.Logger;

/**
 * The matcher: reads esus.slot.events (group subscription-matcher, read_committed), evaluates
 * each created or updated Slot against the candidate subscriptions of {@link SubscriptionIndex}
 * with the criteria's own evaluator ({@code SlotCriteria.matches}), and produces one
 * NotificationRequested per match to esus.matches, keyed by subscription id, where the event
 * numbering ({@code numbering.EventNumbering}) gives it its number on the way to esus.notifications. Each poll
 * batch's notifications and its consumed offsets are one Kafka transaction, so a failed send, a
 * broker outage or a kill -9 neither loses a match nor repeats one for read_committed readers
 * (invariant 4, exactly once). One slot's events come from one partition in order, and one
 * subscription's notifications go to one partition in production order, so notifications keep
 * change order per subscription.
 *
 * <p>DELETED events notify topic-based Subscriptions only, matched on the Slot's last state (the
 * topic's delete trigger; CONTRACT section 6 speaks of created and updated slots); SCHEDULE_CHANGED
 * events notify both kinds, since the slot now matches other subscriptions.
 */
@ApplicationScoped
public class SlotEventMatcher {

    private static final Logger LOG = Logger.getLogger(SlotEventMatcher.class);

    @Inject
    SubscriptionIndex index;

    @Inject
    SubscriptionFeed feed;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.fhir.base-url")
    String fhirBase;

    @ConfigProperty(name = "esus.matcher.auto-offset-reset")
    String autoOffsetReset;

    @ConfigProperty(name = "esus.producer.linger-ms", defaultValue = "1")
    int lingerMs;

    /** Unique per live replica: a restarted replica with the same id aborts what its predecessor left open. */
    @ConfigProperty(name = "esus.matcher.transactional-id")
    String transactionalId;

    @ConfigProperty(name = "esus.matcher.transaction-timeout")
    Duration transactionTimeout;

    private ConsumerLoop loop;
    private TransactionalBatchPublisher publisher;
    private Notifications notifications;
    private Counter produced;

    void onStart(@Observes StartupEvent event) {
        notifications = new Notifications(fhirBase);
        produced = registry.counter("esus.matcher.notifications");
        Properties producer = EventProducers.batching(bootstrapServers, "subscription-matcher", lingerMs);
        // Bounds how long read_committed readers wait behind a transaction a killed replica left open.
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        publisher = new TransactionalBatchPublisher(producer, transactionalId);
        loop = ConsumerLoop.transactional(bootstrapServers, "subscription-matcher", Topics.SLOT_EVENTS, autoOffsetReset,
                publisher, this::match, feed::caughtUp);
        loop.start("subscription-matcher");
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop();
        publisher.close();
    }

    private List<ProducerRecord<String, String>> match(List<ConsumerRecord<String, String>> records) {
        List<ProducerRecord<String, String>> matches = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            SlotChanged event;
            try {
                event = EventJson.read(record.value(), SlotChanged.class);
            } catch (RuntimeException e) {
                LOG.errorf("Skipping an unreadable %s record at %s-%d@%d: %s", Topics.SLOT_EVENTS, record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                continue;
            }
            if (event.slot() == null) {
                continue;
            }
            boolean deleted = event.changeType() == ChangeType.DELETED;
            SlotFacts facts;
            try {
                // Events carry their facts; only those published before they did need the Slot parsed.
                facts = event.facts() != null ? event.facts()
                        : SlotFacts.of(FhirJson.parse(event.slot().toString(), Slot.class), event.actors());
            } catch (RuntimeException e) {
                // Retrying cannot fix a Slot we cannot read; stalling on it would stop every notification.
                LOG.errorf("Skipping event %s of Slot/%s: its Slot JSON is unreadable (%s)", event.eventId(),
                        event.slotId(), e.getMessage());
                continue;
            }
            for (WatchedSubscription candidate : index.candidates(event)) {
                // Deletions are the topic's trigger; CONTRACT section 6 notifies criteria Subscriptions of the others only.
                boolean told = !deleted || candidate.state().backport() != null;
                if (told && candidate.covers(event.occurredAt()) && candidate.criteria().matches(facts)) {
                    NotificationRequested notification = notifications.of(event, candidate.state());
                    matches.add(new ProducerRecord<>(Topics.MATCHES, notification.subscriptionId(),
                            EventJson.write(notification)));
                }
            }
        }
        produced.increment(matches.size()); // counted when produced; an aborted batch counts again on its retry
        return matches;
    }
}
