package org.esus.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The relay's pure parts: the record an outbox row becomes, and the backoff after failures. */
class OutboxRelayTest {

    @Test
    void aRowBecomesARecordWithItsKeyAndEventIdHeader() {
        ProducerRecord<String, String> record =
                OutboxRelay.record("esus.slot.events", "slot-1", "6f1c7a52-0f4e-4a8e-9a53-3d2d4f7c1b20", "{\"v\":1}");
        assertEquals("esus.slot.events", record.topic());
        assertEquals("slot-1", record.key());
        assertEquals("{\"v\":1}", record.value());
        assertEquals("6f1c7a52-0f4e-4a8e-9a53-3d2d4f7c1b20",
                new String(record.headers().lastHeader("esus-event-id").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aNullPayloadIsATombstone() {
        assertNull(OutboxRelay.record("esus.subscriptions", "sub-1", "6f1c7a52-0f4e-4a8e-9a53-3d2d4f7c1b20", null).value());
    }

    @Test
    void theBackoffDoublesFrom200MsUpTo5s() {
        List<Long> waits = new ArrayList<>();
        long wait = 0;
        for (int failure = 0; failure < 7; failure++) {
            wait = OutboxRelay.nextBackoffMs(wait);
            waits.add(wait);
        }
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L), waits);
    }
}
