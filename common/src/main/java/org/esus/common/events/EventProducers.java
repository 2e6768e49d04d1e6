package org.esus.common.events;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer settings every ESUS event producer shares: idempotent with acks=all, so a retried
 * send neither duplicates nor reorders records within a partition (one key's events stay in
 * order), with String keys and JSON String values ({@link EventJson}), connected as
 * {@link KafkaConnection} says (TLS/SASL included). Callers add what is theirs.
 */
public final class EventProducers {

    private EventProducers() {
    }

    public static Properties idempotent(String bootstrapServers, String clientId, int lingerMs) {
        Properties props = KafkaConnection.of(bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /**
     * For producers that send batches and wait for them (the outbox relays, the matcher): large
     * batches, and bounded waits, so a broker that is away fails a batch within about 30 s instead
     * of holding the sending thread.
     */
    public static Properties batching(String bootstrapServers, String clientId, int lingerMs) {
        Properties props = idempotent(bootstrapServers, clientId, lingerMs);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }
}
