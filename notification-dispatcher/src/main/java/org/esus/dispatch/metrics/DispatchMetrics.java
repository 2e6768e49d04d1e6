package org.esus.dispatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.esus.common.events.DeliveryOutcome;

/**
 * The dispatcher's Micrometer meters (Prometheus at /q/metrics): deliveries by outcome, attempts
 * by result, failed attempts, end-to-end latency (delivery time minus the change's occurredAt)
 * and the buffered queue depth.
 */
@ApplicationScoped
public class DispatchMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter failures;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("esus.dispatch.latency")
                .description("From the Slot change (occurredAt) to the receiver's 2xx")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.failures = Counter.builder("esus.dispatch.failures")
                .description("Attempts that did not get a 2xx (status, timeout, refused)")
                .register(registry);
    }

    public void attempt(String result, boolean failed) {
        registry.counter("esus.dispatch.attempts", "result", result).increment();
        if (failed) {
            failures.increment();
        }
    }

    public void decided(DeliveryOutcome outcome, Instant occurredAt) {
        registry.counter("esus.dispatch.deliveries", "outcome", outcome.outcome().name().toLowerCase()).increment();
        if (outcome.outcome() == DeliveryOutcome.Outcome.DELIVERED && occurredAt != null) {
            latency.record(Duration.between(occurredAt, outcome.decidedAt()));
        }
    }

    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("esus.dispatch.queue.depth", depth)
                .description("Notifications received and not yet finished")
                .register(registry);
    }
}
