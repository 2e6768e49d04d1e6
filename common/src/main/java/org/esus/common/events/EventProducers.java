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
}
