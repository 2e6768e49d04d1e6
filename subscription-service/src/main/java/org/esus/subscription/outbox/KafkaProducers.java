package org.esus.subscription.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        return new KafkaProducer<>(settings("subscription-service"));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    TransactionalBatchPublisher outboxPublisher() {
        return new TransactionalBatchPublisher(settings("subscription-service-outbox"), transactionalId);
    }

    void closePublisher(@Disposes TransactionalBatchPublisher publisher) {
        publisher.close();
    }

    private Properties settings(String clientId) {
        Properties props = EventProducers.idempotent(bootstrapServers, clientId, lingerMs);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
