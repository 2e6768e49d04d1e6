package org.esus.subscription.matcher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the matcher's view of the subscriptions has caught up with esus.subscriptions:
 * before that, the matcher has not started, so a replica that is not ready notifies nobody yet.
 */
@Readiness
@ApplicationScoped
public class SubscriptionViewReadiness implements HealthCheck {

    @Inject
    SubscriptionFeed feed;

    @Inject
    SubscriptionIndex index;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("subscription view").status(feed.caughtUp())
                .withData("subscriptions", index.size()).build();
    }
}
