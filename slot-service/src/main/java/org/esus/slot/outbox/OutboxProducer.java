package org.esus.slot.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventProducers;
import org.esus.common.events.TransactionalBatchPublisher;

/**
 * The relay's publisher: idempotent with acks=all, each batch one transaction (transactional id
 * {@code esus.outbox.transactional-id}, shared by the replicas: the lock holder fences the rest).
 */
@ApplicationScoped
public class OutboxProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.outbox.linger-ms", defaultValue = "2")
    int lingerMs;

    @ConfigProperty(name = "esus.outbox.transactional-id", defaultValue = "slot-service-outbox")
    String transactionalId;

    @Produces
    @ApplicationScoped
    @DefaultBean
    TransactionalBatchPublisher publisher() {
        return new TransactionalBatchPublisher(EventProducers.batching(bootstrapServers, "slot-service-outbox", lingerMs),
                transactionalId);
    }

    void close(@Disposes TransactionalBatchPublisher publisher) {
        publisher.close();
    }
}
