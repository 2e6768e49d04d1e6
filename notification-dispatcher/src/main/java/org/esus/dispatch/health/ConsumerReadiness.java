package org.esus.dispatch.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.esus.dispatch.consume.NotificationConsumer;

/** Ready while the poll loop runs: a dispatcher that does not poll delivers nothing. */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    @Inject
    NotificationConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notification-consumer").status(consumer.polling()).build();
    }
}
