package org.esus.booking.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Closes the claim store before Quarkus does, and leaves the consumer group while doing so:
 * otherwise the group waits a whole session timeout for this member before it gives its
 * partitions to a replica (or to this service restarted), and bookings meanwhile answer 503.
 */
@ApplicationScoped
public class ClaimStoreShutdown {

    @Inject
    KafkaStreams streams;

    void leaveGroup(@Observes @Priority(1) ShutdownEvent event) {
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
    }
}
