package org.esus.common.outbox;

import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.EventProducers;
import org.esus.common.events.TransactionalBatchPublisher;

/**
 * The relay's publisher: idempotent with acks=all, connected as {@code KafkaConnection} says
 * (TLS/SASL included), each batch one transaction. The transactional id
 * ({@code esus.outbox.transactional-id}, default {@code <application name>-outbox}) is shared by
 * a service's replicas: the relay that holds the outbox lock fences the rest.
 */
@ApplicationScoped
@IfBuildProperty(name = "esus.outbox.enabled", stringValue = "true")
public class OutboxPublisher {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @ConfigProperty(name = "esus.outbox.linger-ms", defaultValue = "2")
    int lingerMs;

    @ConfigProperty(name = "esus.outbox.transactional-id")
    Optional<String> transactionalId;

    @Produces
    @ApplicationScoped
    @DefaultBean
    TransactionalBatchPublisher publisher() {
        String name = applicationName + "-outbox"; // the client id, and the transactional id unless set
        return new TransactionalBatchPublisher(EventProducers.batching(bootstrapServers, name, lingerMs),
                transactionalId.orElse(name));
    }

    void close(@Disposes TransactionalBatchPublisher publisher) {
        publisher.close();
    }
}
