package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SASL_SSL as values-production.yaml sets it: settings in the mounted properties, secrets from Secrets. */
class KafkaSecurityTest {

    private static final List<String> KAFKA_CLIENTS = List.of(
            "esus-slot-service", "esus-booking-service", "esus-subscription-service", "esus-notification-dispatcher");

    @Test
    void everyKafkaClientGetsTheSaslSslSettingsAndTheJaasConfigFromItsSecret() {
        Manifests manifests = ChartRendering.production().render();
        for (String name : KAFKA_CLIENTS) {
            Workload workload = manifests.workload(name);

            assertThat(workload.mountedProperties()).as(name).contains(
                    "kafka.security.protocol=SASL_SSL",
                    "kafka.sasl.mechanism=SCRAM-SHA-512",
                    "kafka.sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}",
                    "kafka.ssl.truststore.location=/etc/esus/kafka-truststore/ca.p12",
                    "kafka.ssl.truststore.password=${KAFKA_SSL_TRUSTSTORE_PASSWORD}");
            assertThat(workload.secretOf("KAFKA_SASL_JAAS_CONFIG")).as(name)
                    .contains(new Workload.SecretKey("esus-kafka-user", "sasl.jaas.config"));
            assertThat(workload.secretOf("KAFKA_SSL_TRUSTSTORE_PASSWORD")).as(name)
                    .contains(new Workload.SecretKey("esus-kafka-cluster-ca-cert", "ca.password"));
            String volume = workload.mountAt("/etc/esus/kafka-truststore").orElseThrow().path("name").asText();
            assertThat(workload.volume(volume).path("secret").path("secretName").asText()).isEqualTo("esus-kafka-cluster-ca-cert");
        }
    }

    @Test
    void kafkaStreamsConnectsTheSameWay() {
        String properties = ChartRendering.production().render().workload("esus-booking-service").mountedProperties();

        assertThat(properties).contains(
                "kafka-streams.security.protocol=SASL_SSL",
                "kafka-streams.sasl.mechanism=SCRAM-SHA-512",
                "kafka-streams.sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}",
                "kafka-streams.ssl.truststore.location=/etc/esus/kafka-truststore/ca.p12");
    }

    @Test
    void plaintextByDefaultWithoutSecrets() {
        Workload slot = ChartRendering.defaults().render().workload("esus-slot-service");

        assertThat(slot.mountedProperties()).contains("kafka.security.protocol=PLAINTEXT").doesNotContain("sasl");
        assertThat(slot.secretOf("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
    }

    @Test
    void saslWithoutAJaasSecretIsRefused() {
        ChartRendering incomplete = ChartRendering.defaults().with("kafka.securityProtocol", "SASL_SSL")
                .with("kafka.saslMechanism", "SCRAM-SHA-512");

        assertThatThrownBy(incomplete::render).hasMessageContaining("kafka.saslJaasConfigSecret.name");
    }
}
