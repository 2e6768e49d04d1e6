package org.esus.dispatch.deliver;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.NotificationRequested;
import org.esus.dispatch.config.DispatchConfig;
import org.esus.dispatch.metrics.DispatchMetrics;
import org.jboss.logging.Logger;

/**
 * Delivers one notification: POSTs it with the JDK HttpClient (asynchronous, connect and read
 * timeouts, redirects never followed) and retries non-2xx answers, timeouts and refused
 * connections after an exponential, jittered {@link Backoff} until {@code max-attempts}. No
 * thread waits: attempts run on the client's executor and waits on one timer thread, so any
 * number of subscriptions can be in retry at once without holding each other up.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    @Inject
    DispatchConfig config;

    @Inject
    DispatchMetrics metrics;

    private HttpClient http;
    private ScheduledExecutorService timer;
    private Backoff backoff;
    private RequestPermits permits;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-http receivers
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dispatch-backoff");
            thread.setDaemon(true);
            return thread;
        });
        backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        permits = new RequestPermits(config.maxConcurrentRequests());
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /**
     * The outcome once the notification was delivered or given up after {@code attemptLimit}
     * POSTs, or null when {@code owned} turned false between attempts (its partition went to
     * another replica, which delivers it again with the same webhook-id).
     */
    public CompletableFuture<DeliveryOutcome> deliver(NotificationRequested notification, int attemptLimit,
            BooleanSupplier owned) {
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        byte[] body;
        try {
            body = WebhookRequests.body(notification);
            WebhookRequests.attempt(notification, body, 0, config.readTimeout()); // validates the endpoint once
        } catch (RuntimeException invalid) {
            LOG.warnf("Notification %s for Subscription/%s cannot be sent: invalid endpoint or headers",
                    notification.notificationId(), notification.subscriptionId());
            outcome.complete(decided(notification, DeliveryOutcome.Outcome.FAILED, 0, "invalid endpoint"));
            return outcome;
        }
        new Attempts(notification, body, attemptLimit, owned, outcome).send(1);
        return outcome;
    }

    /** The attempts at one notification. */
    private final class Attempts {

        private final NotificationRequested notification;
        private final byte[] body;
        private final int limit;
        private final BooleanSupplier owned;
        private final CompletableFuture<DeliveryOutcome> outcome;

        Attempts(NotificationRequested notification, byte[] body, int limit, BooleanSupplier owned,
                CompletableFuture<DeliveryOutcome> outcome) {
            this.notification = notification;
            this.body = body;
            this.limit = Math.max(1, limit);
            this.owned = owned;
            this.outcome = outcome;
        }

        /** A topic-based Subscription may ask for its own limit (the Backport IG's backport-timeout). */
        private Duration readTimeout(NotificationRequested notification) {
            long asked = notification.backport() == null ? 0 : notification.backport().timeoutSeconds();
            return asked > 0 ? Duration.ofSeconds(asked) : config.readTimeout();
        }

        void send(int attempt) {
            permits.submit(() -> post(attempt));
        }

        private void post(int attempt) {
            HttpRequest request = WebhookRequests.attempt(notification, body, Instant.now().getEpochSecond(),
                    readTimeout(notification));
            CompletableFuture<HttpResponse<Void>> response;
            try {
                response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            } catch (RuntimeException refused) {
                response = CompletableFuture.failedFuture(refused);
            }
            response.handle((ok, failure) -> failure == null ? AttemptResult.of(ok.statusCode()) : AttemptResult.of(failure))
                    .whenComplete((result, bug) -> permits.release())
                    .thenAccept(result -> after(attempt, result))
                    .exceptionally(bug -> {
                        outcome.completeExceptionally(bug);
                        return null;
                    });
        }

        private void after(int attempt, AttemptResult result) {
            metrics.attempt(result.tag(), !result.delivered());
            if (result.delivered()) {
                outcome.complete(decided(notification, DeliveryOutcome.Outcome.DELIVERED, attempt, null));
                return;
            }
            if (attempt >= limit) {
                LOG.infof("Notification %s for Subscription/%s failed after %d attempts: %s",
                        notification.notificationId(), notification.subscriptionId(), attempt, result.error());
                outcome.complete(decided(notification, DeliveryOutcome.Outcome.FAILED, attempt, result.error()));
                return;
            }
            long delay = backoff.delayMillis(attempt);
            LOG.debugf("Notification %s attempt %d: %s; next in %d ms", notification.notificationId(), attempt,
                    result.error(), delay);
            try {
                timer.schedule(() -> {
                    if (owned.getAsBoolean()) {
                        send(attempt + 1);
                    } else {
                        outcome.complete(null);
                    }
                }, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                outcome.complete(null);
            }
        }
    }

    private DeliveryOutcome decided(NotificationRequested notification, DeliveryOutcome.Outcome kind, int attempts,
            String error) {
        DeliveryOutcome decided = new DeliveryOutcome(notification.notificationId(), notification.subscriptionId(), kind,
                attempts, error, Instant.now());
        metrics.decided(decided, notification.occurredAt());
        return decided;
    }
}
