package org.esus.common.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Reading consumed records as ESUS events, the same way in every consumer. */
public final class EventRecords {

    private static final Logger LOG = Logger.getLogger(EventRecords.class);

    private EventRecords() {
    }

    /**
     * The record's value as {@code type}; null for a tombstone, and for a value that cannot be read,
     * which is logged and skipped so that it does not block its partition.
     */
    public static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            return null;
        }
        try {
            return EventJson.read(record.value(), type);
        } catch (RuntimeException malformed) {
            LOG.errorf("Skipping an unreadable %s at %s-%d@%d", type.getSimpleName(), record.topic(), record.partition(),
                    record.offset());
            return null;
        }
    }
}
