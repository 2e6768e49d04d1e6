package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** booking-service keeps its Kafka Streams store on a per-pod volume, with standby replicas as configured. */
class BookingStateTest {

    @Test
    void theStreamsStateDirectoryIsThePodsPersistentVolumeClaim() {
        Workload booking = ChartRendering.defaults().render().workload("esus-booking-service");
        String stateDir = booking.environment().get("KAFKA_STREAMS_STATE_DIR");

        assertThat(booking.kind()).isEqualTo("StatefulSet");
        JsonNode mount = booking.mountAt(stateDir).orElseThrow(() -> new AssertionError("nothing mounted at " + stateDir));
        JsonNode claim = booking.volume(mount.path("name").asText());
        assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText()).isEqualTo("2Gi");
        assertThat(mount.path("readOnly").asBoolean(false)).isFalse();
        assertThat(booking.object().path("spec").path("serviceName").asText()).isEqualTo("esus-booking-service-headless");
    }

    @Test
    void standbyReplicasAreAKafkaStreamsSettingOfTheMountedProperties() {
        Workload defaults = ChartRendering.defaults().render().workload("esus-booking-service");
        Workload production = ChartRendering.production().render().workload("esus-booking-service");

        assertThat(defaults.mountedProperties()).contains("kafka-streams.num.standby.replicas=0");
        assertThat(production.mountedProperties()).contains("kafka-streams.num.standby.replicas=1");
    }

    @Test
    void productionReplicatesTheStoreChangelogLikeTheTopics() {
        Workload booking = ChartRendering.production().render().workload("esus-booking-service");

        assertThat(booking.environment()).containsEntry("KAFKA_STREAMS_REPLICATION_FACTOR", "3");
    }

    @Test
    void aChangeOfConfigurationRollsThePods() {
        String before = checksum(ChartRendering.defaults());
        String after = checksum(ChartRendering.defaults().with("bookingService.streams.standbyReplicas", 1));

        assertThat(before).isNotBlank().isNotEqualTo(after);
    }

    private static String checksum(ChartRendering rendering) {
        return rendering.render().workload("esus-booking-service").object()
                .path("spec").path("template").path("metadata").path("annotations").path("checksum/config").asText();
    }
}
