package org.esus.dispatch.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void commitsOnlyUpToTheLowestUnfinishedOffset() {
        PartitionProgress progress = tracker.assign(p0);
        for (long offset = 10; offset < 15; offset++) {
            progress.received(offset);
        }
        assertEquals(Map.of(p0, new OffsetAndMetadata(10)), tracker.committable());
        progress.finished(11);
        progress.finished(12);
        assertEquals(Map.of(), tracker.committable(), "10 is unfinished: nothing moves");
        progress.finished(10);
        assertEquals(Map.of(p0, new OffsetAndMetadata(13)), tracker.committable());
        progress.finished(14);
        progress.finished(13);
        assertEquals(Map.of(p0, new OffsetAndMetadata(15)), tracker.committable(), "all finished: after the last");
        assertEquals(0, tracker.buffered());
    }

    @Test
    void revocationHandsBackWhatIsFinishedAndDisownsTheRest() {
        PartitionProgress progress = tracker.assign(p0);
        progress.received(0);
        progress.received(1);
        progress.finished(0);
        assertEquals(Map.of(p0, new OffsetAndMetadata(1)), tracker.revoke(List.of(p0)));
        assertFalse(progress.owned());
        assertTrue(tracker.assign(p0).owned(), "assigned again: a fresh start from the committed offset");
    }
}
