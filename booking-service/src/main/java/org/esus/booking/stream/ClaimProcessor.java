package org.esus.booking.stream;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.esus.common.events.SlotClaimDecision;

/**
 * Decides claims (invariant 1: no double booking). Reads esus.slot.events and
 * esus.booking.commands, both keyed by slot id and co-partitioned, so every record about one slot
 * reaches this processor in one stream task, one at a time: the read-decide-write on the store
 * needs no lock. Under exactly_once_v2 the store's changelog, the decision on esus.slot.claims and
 * the input offsets commit in one transaction, so a task that fails over resumes from a state that
 * matches the decisions already visible.
 */
class ClaimProcessor implements Processor<String, ClaimInput, String, SlotClaimDecision> {

    private ProcessorContext<String, SlotClaimDecision> context;
    private KeyValueStore<String, SlotClaims> store;

    @Override
    public void init(ProcessorContext<String, SlotClaimDecision> context) {
        this.context = context;
        this.store = context.getStateStore(ClaimTopology.STORE);
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
        ClaimRules.Decided decided = ClaimRules.decide(current, input.command(), Instant.now());
        if (!decided.state().equals(current)) {
            store.put(record.key(), decided.state());
        }
        context.forward(record.withValue(decided.decision()));
    }
}
