package org.esus.common.events;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How every Kafka client of a service reaches the brokers: {@code bootstrap.servers} plus the
 * security settings of its configuration, {@code kafka.security.protocol}, {@code kafka.sasl.*}
 * and {@code kafka.ssl.*} (what the Helm chart writes for a TLS or SASL cluster; environment
 * variables such as KAFKA_SECURITY_PROTOCOL override them). Only these: a client's own tuning
 * stays where the client is built.
 */
public final class KafkaConnection {

    private static final String PREFIX = "kafka.";
    private static final List<String> SECURITY = List.of("security.protocol", "sasl.", "ssl.");

    private KafkaConnection() {
    }

    public static Properties of(String bootstrapServers) {
        return of(bootstrapServers, ConfigProvider.getConfig());
    }

    static Properties of(String bootstrapServers, Config config) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String setting = name.substring(PREFIX.length());
            if (SECURITY.stream().anyMatch(setting::startsWith)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> props.put(setting, value));
            }
        }
        return props;
    }
}
