package org.esus.booking.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.EventJson;
import org.esus.common.events.EventProducers;
import org.esus.common.events.Topics;

/**
 * Publishes claim commands to esus.booking.commands (key: slot id). The returned stage completes
 * once the broker has every command (acks=all, idempotent), so a command sent after another for
 * the same slot is always decided after it; no thread waits meanwhile. A broker that does not
 * take them in time fails the stage with a 503.
 */
@ApplicationScoped
public class ClaimCommandProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "esus.booking.producer.linger-ms", defaultValue = "0")
    int lingerMs;

    @ConfigProperty(name = "esus.booking.producer.send-timeout", defaultValue = "5s")
    Duration sendTimeout;

    private KafkaProducer<String, String> producer;

    @PostConstruct
    void start() {
        Properties props = EventProducers.idempotent(bootstrapServers, "booking-commands", lingerMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout.toMillis(), 1_000) + 1_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout.toMillis(), 1_000));
        producer = new KafkaProducer<>(props);
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public CompletableFuture<Void> send(List<ClaimCommand> commands) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[commands.size()];
        try {
            for (int i = 0; i < acks.length; i++) {
                ClaimCommand command = commands.get(i);
                CompletableFuture<Void> ack = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(Topics.BOOKING_COMMANDS, command.slotId(), EventJson.write(command)),
                        (metadata, failure) -> {
                            if (failure == null) {
                                ack.complete(null);
                            } else {
                                ack.completeExceptionally(failure);
                            }
                        });
                acks[i] = ack;
            }
        } catch (KafkaException e) {
            return CompletableFuture.failedFuture(notTaken(e));
        }
        // delivery.timeout.ms already bounds every callback; the timeout here only guards that promise
        return CompletableFuture.allOf(acks)
                .orTimeout(sendTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS)
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw notTaken(failure);
                    }
                    return null;
                });
    }

    private static FhirError notTaken(Throwable cause) {
        return FhirError.unavailable("The message broker did not take the booking; try again", cause);
    }
}
