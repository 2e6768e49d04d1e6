package org.esus.subscription.numbering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.esus.common.events.NotificationRequested;

/**
 * Gives each Subscription's events their numbers (1, 2, ... without gaps, the Backport IG's
 * {@code eventNumber} and {@code events-since-subscription-start}), reading esus.matches and writing
 * esus.notifications, both keyed by subscription id, so one task sees all of a Subscription's
 * notifications in order. The count lives in a changelogged store and moves with the output in one
 * exactly-once transaction: a crash neither skips nor repeats a number. Handshakes and heartbeats
 * pass through unnumbered, stating the count so far. A tombstone (the Subscription was deleted)
 * forgets its count. Every {@link #INDEX_EVERY}th event's position in esus.matches is indexed, so
 * {@code $events} finds any event by reading at most that many of the Subscription's records.
 * {@link Heartbeats} are checked on wall-clock time while any Subscription of the task has a plan
 * (a punctuation commits a transaction, so an idle task without plans schedules none).
 */
final class EventNumbering implements Processor<String, NotificationRequested, String, NotificationRequested> {

    /** Events between two indexed positions: bounds the records {@code $events} skips to reach an event. */
    static final int INDEX_EVERY = 100;

    private final HistoryBundles bundles;
    private final Duration heartbeatCheckEvery;
    private KeyValueStore<String, Long> counts;
    private KeyValueStore<String, String> index;
    private Heartbeats heartbeats;
    private Cancellable heartbeatCheck;
    private ProcessorContext<String, NotificationRequested> context;

    EventNumbering(HistoryBundles bundles, Duration heartbeatCheckEvery) {
        this.bundles = bundles;
        this.heartbeatCheckEvery = heartbeatCheckEvery;
    }

    @Override
    public void init(ProcessorContext<String, NotificationRequested> context) {
        this.context = context;
        this.counts = context.getStateStore(NumberingTopology.COUNTS);
        this.index = context.getStateStore(NumberingTopology.INDEX);
        this.heartbeats = new Heartbeats(context.getStateStore(NumberingTopology.HEARTBEATS));
        scheduleHeartbeats();
    }

    @Override
    public void process(Record<String, NotificationRequested> record) {
        String subscriptionId = record.key();
        if (subscriptionId == null) {
            return;
        }
        NotificationRequested notification = record.value();
        if (notification == null) {
            forget(subscriptionId);
            return;
        }
        if (NotificationRequested.SETTINGS.equals(notification.type())) {
            heartbeats.settings(notification, now());
            scheduleHeartbeats();
            return;
        }
        Long before = counts.get(subscriptionId);
        long count = before == null ? 0 : before;
        long number = 0;
        if (notification.isEvent()) {
            number = ++count;
            counts.put(subscriptionId, count);
            if (number % INDEX_EVERY == 1) {
                String key = EventPosition.key(subscriptionId, number);
                context.recordMetadata().ifPresent(source -> index.put(key,
                        new EventPosition(source.partition(), source.offset()).toString()));
            }
        }
        // A criteria Subscription's Bundle is the seed's, complete already; a topic-based one's names the number.
        Instant now = now();
        context.forward(record.withValue(notification.numbered(number, notification.backport() == null
                ? notification.bundle()
                : bundles.of(notification, number, count, now))));
        heartbeats.sent(subscriptionId, now);
    }

    private void sendHeartbeats(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        for (NotificationRequested heartbeat : heartbeats.due(now)) {
            Long count = counts.get(heartbeat.subscriptionId());
            context.forward(new Record<>(heartbeat.subscriptionId(), heartbeat.numbered(0,
                    bundles.of(heartbeat, 0, count == null ? 0 : count, now)), now.toEpochMilli()));
        }
        scheduleHeartbeats();
    }

    /** Checks on wall-clock time only while some Subscription of this task has heartbeats. */
    private void scheduleHeartbeats() {
        boolean any = heartbeats.any();
        if (any && heartbeatCheck == null) {
            heartbeatCheck = context.schedule(heartbeatCheckEvery, PunctuationType.WALL_CLOCK_TIME, this::sendHeartbeats);
        } else if (!any && heartbeatCheck != null) {
            heartbeatCheck.cancel();
            heartbeatCheck = null;
        }
    }

    private void forget(String subscriptionId) {
        counts.delete(subscriptionId);
        heartbeats.forget(subscriptionId);
        scheduleHeartbeats();
        List<String> positions = new ArrayList<>();
        try (var range = index.range(EventPosition.key(subscriptionId, 0), EventPosition.key(subscriptionId, Long.MAX_VALUE))) {
            range.forEachRemaining(position -> positions.add(position.key));
        }
        positions.forEach(index::delete);
    }

    /** The stream thread's wall clock (the test driver's mocked one in tests). */
    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
