package org.esus.slot.claims;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.BackendFailures;
import org.esus.common.error.FhirError;
import org.esus.common.events.ConsumerLoop;
import org.esus.common.events.EventRecords;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.Topics;
import org.jboss.logging.Logger;

/**
 * Reads booking-service's decisions from esus.slot.claims (group slot-service-claims) and hands
 * each poll batch to {@link ClaimDecisionApplier}, one transaction per batch. Offsets are
 * committed after the batch committed; a re-delivered decision is skipped by the message log, so
 * delivery is effectively once. While PostgreSQL is away the batch is consumed again from its
 * offsets; a decision that can never be applied is logged and skipped so it does not block the
 * partition.
 */
@ApplicationScoped
public class ClaimDecisionConsumer {

    private static final Logger LOG = Logger.getLogger(ClaimDecisionConsumer.class);

    @Inject
    ClaimDecisionApplier applier;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.claims.group-id", defaultValue = "slot-service-claims")
    String groupId;

    private ConsumerLoop loop;

    void onStart(@Observes StartupEvent event) {
        loop = new ConsumerLoop(bootstrapServers, groupId, Topics.SLOT_CLAIMS, "earliest", this::applyBatch, () -> true);
        loop.start("claim-decisions");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    private void applyBatch(List<ConsumerRecord<String, String>> records) {
        List<SlotClaimDecision> decisions = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            SlotClaimDecision decision = EventRecords.read(record, SlotClaimDecision.class);
            if (decision != null) {
                decisions.add(decision);
            }
        }
        try {
            applier.apply(decisions);
        } catch (RuntimeException e) {
            if (transient503(e)) {
                throw e; // consumed again from the committed offsets once the database answers
            }
            LOG.warnf("A batch of %d claim decisions failed (%s); applying them one at a time", decisions.size(), e.getMessage());
            decisions.forEach(this::applyAlone);
        }
    }

    private void applyAlone(SlotClaimDecision decision) {
        try {
            applier.apply(List.of(decision));
        } catch (RuntimeException e) {
            if (transient503(e)) {
                throw e;
            }
            LOG.errorf(e, "Skipping claim decision %s that cannot be applied", decision.decisionId());
        }
    }

    private static boolean transient503(RuntimeException e) {
        FhirError error = BackendFailures.asFhirError(e);
        return error != null && error.status() == 503;
    }
}
