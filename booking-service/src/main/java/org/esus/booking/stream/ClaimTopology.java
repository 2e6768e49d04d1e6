package org.esus.booking.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.JsonSerde;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.Topics;

/**
 * The claim store's topology: esus.slot.events and esus.booking.commands (same key, same
 * partition count) merge into {@link ClaimProcessor}, whose decisions go to esus.slot.claims.
 * No operator changes the key, so there is no repartition topic and one slot stays in one task.
 */
@ApplicationScoped
public class ClaimTopology {

    /** Persistent store, slot id → {@link SlotClaims}, backed by a compacted changelog topic. */
    public static final String STORE = "slot-claims";
    /**
     * Persistent store indexing the reservations' deadlines, key {@code deadline|slot id|appointment id}
     * (see {@link ClaimProcessor#expiryKey}), value the slot id; the same task's slots as {@link #STORE}.
     */
    public static final String EXPIRIES = "claim-expiries";

    @ConfigProperty(name = "esus.booking.reservation-ttl", defaultValue = "30s")
    Duration reservationTtl;

    @ConfigProperty(name = "esus.booking.expiry-check-every", defaultValue = "250ms")
    Duration expiryCheckEvery;

    @Produces
    public Topology topology() {
        return build(reservationTtl, expiryCheckEvery);
    }

    /**
     * @param reservationTtl   how long a reservation holds a slot when its command names no deadline
     * @param expiryCheckEvery how often lapsed reservations are looked for (wall-clock time)
     */
    static Topology build(Duration reservationTtl, Duration expiryCheckEvery) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), JsonSerde.of(SlotClaims.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRIES),
                Serdes.String(), Serdes.String()));

        Serde<String> keys = Serdes.String();
        KStream<String, ClaimInput> events = builder
                .stream(Topics.SLOT_EVENTS, Consumed.with(keys, JsonSerde.of(SlotEvent.class)))
                .mapValues(ClaimInput::of);
        KStream<String, ClaimInput> commands = builder
                .stream(Topics.BOOKING_COMMANDS, Consumed.with(keys, JsonSerde.of(ClaimCommand.class)))
                .mapValues(ClaimInput::of);
        events.merge(commands)
                .process(() -> new ClaimProcessor(reservationTtl, expiryCheckEvery), STORE, EXPIRIES)
                .to(Topics.SLOT_CLAIMS, Produced.with(keys, JsonSerde.of(SlotClaimDecision.class)));
        return builder.build();
    }
}
