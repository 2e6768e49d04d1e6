package org.esus.booking.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.EventJson;
import org.esus.common.events.EventProducers;
import org.esus.common.events.Topics;

/**
 * Publishes claim commands to esus.booking.commands (key: slot id) and returns only once the
 * broker has them (acks=all, idempotent), so a command sent after another for the same slot is
 * always decided after it. A broker that does not take them in time is a 503.
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

    public void send(List<ClaimCommand> commands) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(commands.size());
        try {
            for (ClaimCommand command : commands) {
                acks.add(producer.send(new ProducerRecord<>(Topics.BOOKING_COMMANDS, command.slotId(),
                        EventJson.write(command))));
            }
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FhirError.unavailable("Interrupted while publishing the booking", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw FhirError.unavailable("The message broker did not take the booking; try again", e);
        }
    }
}
