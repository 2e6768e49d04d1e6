package org.esus.common.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for ESUS records, through the one event JSON mapping (the Kafka Streams topologies use it). */
public final class JsonSerde {

    private JsonSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null
                : EventJson.write(value).getBytes(StandardCharsets.UTF_8);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null
                : EventJson.read(new String(bytes, StandardCharsets.UTF_8), type);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
