package org.esus.booking;

import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that book: each test publishes its own Slots through a {@link SlotFeed} and
 * waits until the claim store knows them, so a booking never races the slot's creation.
 */
abstract class WithSlotFeed {

    @Inject
    KafkaStreams streams;

    SlotFeed slots;

    @BeforeEach
    void openFeed() {
        slots = new SlotFeed();
    }

    @AfterEach
    void closeFeed() {
        slots.close();
    }

    /** A new Slot with this status, known to the claim store. */
    String slot(String status, boolean overbooked) {
        String id = slots.create(status, overbooked);
        Fixtures.awaitKnown(streams, id, 1);
        return id;
    }
}
