package org.esus.subscription.matcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.Topics;
import org.esus.common.fhir.FhirJson;
import org.esus.common.search.SlotFacts;
import org.esus.common.events.ConsumerLoop;
import org.hl7.fhir.r4.model.Slot;
import org.jboss.logging.Logger;

/**
 * The matcher: reads esus.slot.events (group subscription-matcher, read_committed), evaluates
 * each created or updated Slot against the candidate subscriptions of {@link SubscriptionIndex}
 * with the criteria's own evaluator ({@code SlotCriteria.matches}), and produces one
 * NotificationRequested per match to esus.notifications, keyed by subscription id. Offsets are
 * committed only after the broker acknowledged every notification of the batch, so a restart
 * re-matches instead of skipping (invariant 4); the re-matched notifications keep their ids.
 * One slot's events come from one partition in order, and one subscription's notifications go
 * to one partition in production order, so notifications keep change order per subscription.
 *
 * <p>DELETED events notify nobody (CONTRACT section 6 speaks of created and updated slots, and
 * a deleted slot has no state to match); SCHEDULE_CHANGED events do, since the slot now matches
 * other subscriptions.
 */
@ApplicationScoped
public class SlotEventMatcher {

    private static final Logger LOG = Logger.getLogger(SlotEventMatcher.class);

    @Inject
    SubscriptionIndex index;

    @Inject
    SubscriptionFeed feed;

    @Inject
    Producer<String, String> producer;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.fhir.base-url")
    String fhirBase;

    @ConfigProperty(name = "esus.matcher.auto-offset-reset")
    String autoOffsetReset;

    private ConsumerLoop loop;
    private Notifications notifications;
    private Counter produced;

    void onStart(@Observes StartupEvent event) {
        notifications = new Notifications(fhirBase);
        produced = registry.counter("esus.matcher.notifications");
        loop = new ConsumerLoop(bootstrapServers, "subscription-matcher", Topics.SLOT_EVENTS, autoOffsetReset,
                this::match, feed::caughtUp);
        loop.start("subscription-matcher");
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    private void match(List<ConsumerRecord<String, String>> records) throws Exception {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            SlotChanged event;
            try {
                event = EventJson.read(record.value(), SlotChanged.class);
            } catch (RuntimeException e) {
                LOG.errorf("Skipping an unreadable %s record at %s-%d@%d: %s", Topics.SLOT_EVENTS, record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                continue;
            }
            if (event.changeType() == ChangeType.DELETED || event.slot() == null) {
                continue;
            }
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
                if (candidate.covers(event.occurredAt()) && candidate.criteria().matches(facts)) {
                    NotificationRequested notification = notifications.of(event, candidate.state());
                    sends.add(producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS, notification.subscriptionId(),
                            EventJson.write(notification))));
                }
            }
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS); // a failed send throws: the batch is consumed again
        }
        produced.increment(sends.size());
    }
}
