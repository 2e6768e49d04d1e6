package org.esus.subscription.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventProducers;
import org.esus.common.events.TransactionalBatchPublisher;

/**
 * The service's Kafka producers, idempotent with acks=all: the matcher's, and the outbox relay's
 * publisher, which sends each batch as one transaction (transactional id
 * {@code esus.outbox.transactional-id}, shared by the replicas) so subscription states stay in order.
 */
@ApplicationScoped
public class KafkaProducers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.producer.linger-ms", defaultValue = "1")
    int lingerMs;

    @ConfigProperty(name = "esus.outbox.transactional-id", defaultValue = "subscription-service-outbox")
    String transactionalId;

    @Produces
    @ApplicationScoped
    @DefaultBean
    Producer<String, String> producer() {
        return new KafkaProducer<>(EventProducers.batching(bootstrapServers, "subscription-service", lingerMs));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    TransactionalBatchPublisher outboxPublisher() {
        return new TransactionalBatchPublisher(
                EventProducers.batching(bootstrapServers, "subscription-service-outbox", lingerMs), transactionalId);
    }

    void closePublisher(@Disposes TransactionalBatchPublisher publisher) {
        publisher.close();
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
