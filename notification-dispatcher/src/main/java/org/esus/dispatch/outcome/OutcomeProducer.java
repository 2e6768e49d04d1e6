package org.esus.dispatch.outcome;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.EventJson;
import org.esus.common.events.EventProducers;
import org.esus.common.events.Topics;

/**
 * Publishes delivery outcomes to esus.delivery.outcomes (key: subscription id, so one
 * subscription's outcomes stay in order for subscription-service), idempotent with acks=all.
 */
@ApplicationScoped
public class OutcomeProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void start() {
        Properties props = EventProducers.idempotent(bootstrapServers, "dispatch-outcomes", 5);
        producer = new KafkaProducer<>(props);
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /** Completes when the broker has the outcome. */
    public CompletableFuture<Void> publish(DeliveryOutcome outcome) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_OUTCOMES, outcome.subscriptionId(), EventJson.write(outcome)),
                    (metadata, failure) -> {
                        if (failure == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException failure) {
            acked.completeExceptionally(failure);
        }
        return acked;
    }
}
