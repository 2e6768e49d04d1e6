package org.esus.subscription.matcher;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventProducers;

/**
 * The matcher's Kafka producer, idempotent with acks=all. (The outbox relay's publisher is
 * common's {@code OutboxPublisher}.)
 */
@ApplicationScoped
public class KafkaProducers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.producer.linger-ms", defaultValue = "1")
    int lingerMs;

    @Produces
    @ApplicationScoped
    @DefaultBean
    Producer<String, String> producer() {
        return new KafkaProducer<>(EventProducers.batching(bootstrapServers, "subscription-service", lingerMs));
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
