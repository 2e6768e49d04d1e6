package org.esus.booking.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the claim store is processing (RUNNING). While it starts, restores from its
 * changelog or rebalances, no booking can be decided, so traffic should go to a replica that can.
 * Quarkus' own check covers liveness (running or rebalancing).
 */
@Readiness
@ApplicationScoped
public class ClaimStoreReadiness implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("claim store").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
