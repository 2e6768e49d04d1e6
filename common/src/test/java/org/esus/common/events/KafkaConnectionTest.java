package org.esus.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The Helm chart's Kafka security settings reach every client a service builds itself. */
class KafkaConnectionTest {

    @Test
    void securitySettingsOfTheConfigurationReachTheClientAndNothingElseDoes() {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "ignored:9092",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.location", "/etc/esus/kafka/truststore.p12",
                "kafka.linger.ms", "50",
                "kafka-streams.security.protocol", "SSL"), "test", 100)).build();

        Properties props = KafkaConnection.of("broker-0:9093", config);

        assertEquals(Map.of("bootstrap.servers", "broker-0:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/esus/kafka/truststore.p12"), Map.copyOf(props));
    }

    @Test
    void withoutSecuritySettingsOnlyTheBootstrapServersAreSet() {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092"), "test", 100)).build();
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092"), Map.copyOf(KafkaConnection.of("127.0.0.1:9092", config)));
    }
}
