package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Who scales how: the dispatcher (and the gateway) by a HorizontalPodAutoscaler, bounded by the
 * partitions of esus.notifications; booking-service by hand, bounded by the slot topics' partitions.
 */
class ScalingTest {

    @Test
    void theDispatcherHpaTargetsTheDispatcherDeploymentWhichLeavesItsReplicasToIt() {
        Manifests manifests = ChartRendering.production().render();
        JsonNode hpa = manifests.get("HorizontalPodAutoscaler", "esus-notification-dispatcher").path("spec");
        JsonNode target = hpa.path("scaleTargetRef");

        assertThat(target.path("kind").asText()).isEqualTo("Deployment");
        assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(manifests.has("Deployment", target.path("name").asText())).isTrue();
        assertThat(target.path("name").asText()).isEqualTo("esus-notification-dispatcher");
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(10);
        assertThat(manifests.get("Deployment", "esus-notification-dispatcher").path("spec").has("replicas")).isFalse();
    }

    @Test
    void onlyStatelessDeploymentsAutoscale() {
        Manifests manifests = ChartRendering.production().render();

        assertThat(manifests.ofKind("HorizontalPodAutoscaler"))
                .extracting(hpa -> hpa.path("spec").path("scaleTargetRef").path("name").asText())
                .containsExactlyInAnyOrder("esus-notification-dispatcher", "esus-gateway");
        assertThat(manifests.get("StatefulSet", "esus-booking-service").path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void moreDispatchersThanNotificationPartitionsAreRefused() {
        ChartRendering tooMany = ChartRendering.production().with("notificationDispatcher.autoscaling.maxReplicas", 30);

        assertThatThrownBy(tooMany::render).hasMessageContaining("notificationsPartitions is 24");
    }

    @Test
    void moreBookingReplicasThanSlotPartitionsAreRefused() {
        ChartRendering tooMany = ChartRendering.defaults().with("bookingService.replicas", 7);

        assertThatThrownBy(tooMany::render).hasMessageContaining("bookingService.replicas (7)")
                .hasMessageContaining("slotPartitions (6)");
    }

    @Test
    void theDispatcherRetryPolicyReachesItsEnvironment() {
        var environment = ChartRendering.production().render().workload("esus-notification-dispatcher").environment();

        assertThat(environment).containsEntry("ESUS_DISPATCH_MAX_ATTEMPTS", "12")
                .containsEntry("ESUS_DISPATCH_INITIAL_BACKOFF", "500ms")
                .containsEntry("ESUS_DISPATCH_MAX_BACKOFF", "60s")
                .containsEntry("ESUS_DISPATCH_READ_TIMEOUT", "5s");
    }
}
