package org.esus.slot.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        Properties props = EventProducers.idempotent(bootstrapServers, "slot-service-outbox", lingerMs);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new TransactionalBatchPublisher(props, transactionalId);
    }

    void close(@Disposes TransactionalBatchPublisher publisher) {
        publisher.close();
    }
}
