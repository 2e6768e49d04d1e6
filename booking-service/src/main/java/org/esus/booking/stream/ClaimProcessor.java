package org.esus.booking.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.esus.common.events.SlotClaimDecision;

/**
 * Decides claims (invariant 1: no double booking). Reads esus.slot.events and
 * esus.booking.commands, both keyed by slot id and co-partitioned, so every record about one slot
 * reaches this processor in one stream task, one at a time: the read-decide-write on the store
 * needs no lock. Under exactly_once_v2 the store's changelog, the decision on esus.slot.claims and
 * the input offsets commit in one transaction, so a task that fails over resumes from a state that
 * matches the decisions already visible.
 *
 * <p>Reservations lapse here too, so a requester that dies between RESERVE and CONFIRM cannot
 * hold a slot forever, and the expiry commits with its decision like any other. A wall-clock
 * punctuation reads only the deadlines that have come, from an index sorted by time
 * ({@link ClaimTopology#EXPIRIES}): the slot store is too large to scan. The index is never
 * cleaned eagerly; an entry whose reservation was confirmed, released or extended since is
 * dropped when its time comes. Time is the task's clock, which TopologyTestDriver mocks.
 *
 * <p>The punctuation runs only while the index holds deadlines: Kafka Streams commits a task
 * after every punctuation, and under exactly-once a commit is a Kafka transaction, so a
 * punctuation that ran all the time made an idle claim store commit about 20 times a second.
 */
class ClaimProcessor implements Processor<String, ClaimInput, String, SlotClaimDecision> {

    /** Expiries handled per punctuation and task; more wait for the next one, so a backlog cannot stall the task. */
    static final int MAX_EXPIRIES_PER_CHECK = 1_000;

    private final Duration reservationTtl;
    private final Duration checkEvery;
    private ProcessorContext<String, SlotClaimDecision> context;
    private KeyValueStore<String, SlotClaims> store;
    private KeyValueStore<String, String> expiries;
    private Cancellable expiryCheck;

    ClaimProcessor(Duration reservationTtl, Duration checkEvery) {
        this.reservationTtl = reservationTtl;
        this.checkEvery = checkEvery;
    }

    @Override
    public void init(ProcessorContext<String, SlotClaimDecision> context) {
        this.context = context;
        this.store = context.getStateStore(ClaimTopology.STORE);
        this.expiries = context.getStateStore(ClaimTopology.EXPIRIES);
        try (KeyValueIterator<String, String> any = expiries.all()) {
            if (any.hasNext()) {
                checkExpiries(); // deadlines restored with the task
            }
        }
    }

    private void checkExpiries() {
        if (expiryCheck == null) {
            expiryCheck = context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::expire);
        }
    }

    @Override
    public void process(Record<String, ClaimInput> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        SlotClaims current = store.get(record.key());
        if (current == null) {
            current = SlotClaims.UNKNOWN;
        }
        ClaimInput input = record.value();
        if (input.event() != null) {
            SlotClaims next = ClaimRules.apply(current, input.event());
            if (!next.equals(current)) {
                store.put(record.key(), next);
            }
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        ClaimRules.Decided decided = ClaimRules.decide(current, input.command(), now, reservationTtl);
        if (!decided.state().equals(current)) {
            store.put(record.key(), decided.state());
            indexNewDeadlines(record.key(), current, decided.state());
        }
        context.forward(record.withValue(decided.decision()));
    }

    private void indexNewDeadlines(String slotId, SlotClaims before, SlotClaims after) {
        for (Map.Entry<String, Instant> deadline : after.expiries().entrySet()) {
            if (!Objects.equals(before.expiries().get(deadline.getKey()), deadline.getValue())) {
                expiries.put(expiryKey(deadline.getValue(), slotId, deadline.getKey()), slotId);
                checkExpiries();
            }
        }
    }

    /** Drops the reservations whose deadline is at or before {@code timestamp}. */
    private void expire(long timestamp) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        // Collected first, so that nothing writes to the index while it is being iterated.
        try (KeyValueIterator<String, String> entries = expiries.range(millis(0), millis(timestamp + 1))) {
            while (entries.hasNext() && due.size() < MAX_EXPIRIES_PER_CHECK) {
                due.add(entries.next());
            }
        }
        Instant now = Instant.ofEpochMilli(timestamp);
        for (KeyValue<String, String> entry : due) {
            String slotId = entry.value;
            Instant deadline = Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 13)));
            String appointmentId = entry.key.substring(13 + 1 + slotId.length() + 1);
            SlotClaims slot = store.get(slotId);
            ClaimRules.Decided expired = slot == null ? null : ClaimRules.expire(slot, slotId, appointmentId, deadline, now);
            if (expired != null) {
                store.put(slotId, expired.state());
                context.forward(new Record<>(slotId, expired.decision(), timestamp));
            }
            expiries.delete(entry.key);
        }
        if (due.size() < MAX_EXPIRIES_PER_CHECK) {
            try (KeyValueIterator<String, String> rest = expiries.all()) {
                if (!rest.hasNext()) {
                    expiryCheck.cancel(); // nothing left to lapse: no more punctuations, no more idle commits
                    expiryCheck = null;
                }
            }
        }
    }

    /**
     * The index key: the deadline's epoch milliseconds in 13 digits (so keys sort by deadline),
     * the slot id and the appointment id. The value is the slot id, so the appointment id is what
     * follows it and may contain any character.
     */
    static String expiryKey(Instant deadline, String slotId, String appointmentId) {
        return millis(deadline.toEpochMilli()) + "|" + slotId + "|" + appointmentId;
    }

    /** As a range bound: after every key of an earlier millisecond, before every other key. */
    private static String millis(long epochMillis) {
        return String.format(Locale.ROOT, "%013d", epochMillis);
    }
}
