package org.esus.subscription.numbering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.JsonSerde;
import org.esus.common.events.NotificationRequested;
import org.esus.common.events.Topics;

/**
 * subscription-service's Kafka Streams topology (exactly once): esus.matches → {@link EventNumbering}
 * → esus.notifications, with the per-Subscription event counts in {@link #COUNTS} and the index of
 * their positions in {@link #INDEX}.
 */
@ApplicationScoped
public class NumberingTopology {

    /** Persistent store, subscription id → events so far, backed by a compacted changelog topic. */
    public static final String COUNTS = "subscription-event-counts";
    /** Persistent store, {@link EventPosition#key} → where that event is in esus.matches. */
    public static final String INDEX = "subscription-event-index";
    /** Persistent store, subscription id → its {@link Heartbeats.Plan}. */
    public static final String HEARTBEATS = "subscription-heartbeats";

    @ConfigProperty(name = "esus.numbering.heartbeat-check-every", defaultValue = "1s")
    Duration heartbeatCheckEvery;

    @ConfigProperty(name = "esus.fhir.base-url")
    String fhirBase;

    @Produces
    public Topology topology() {
        return build(new HistoryBundles(fhirBase), heartbeatCheckEvery);
    }

    static Topology build(HistoryBundles bundles, Duration heartbeatCheckEvery) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS), Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDEX), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEARTBEATS), Serdes.String(),
                JsonSerde.of(Heartbeats.Plan.class)));
        Serde<String> keys = Serdes.String();
        Serde<NotificationRequested> notifications = JsonSerde.of(NotificationRequested.class);
        builder.stream(Topics.MATCHES, Consumed.with(keys, notifications))
                .process(() -> new EventNumbering(bundles, heartbeatCheckEvery), COUNTS, INDEX, HEARTBEATS)
                .to(Topics.NOTIFICATIONS, Produced.with(keys, notifications));
        return builder.build();
    }
}
