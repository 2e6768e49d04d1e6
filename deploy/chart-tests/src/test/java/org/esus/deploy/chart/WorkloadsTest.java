package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every service's workload must have, with the default values and with values-production.yaml. */
class WorkloadsTest {

    /** Workload name, kind and HTTP port (each service's quarkus.http.port). */
    private static final Map<String, Integer> PORTS = Map.of(
            "esus-slot-service", 8081,
            "esus-booking-service", 8082,
            "esus-subscription-service", 8083,
            "esus-notification-dispatcher", 8084,
            "esus-gateway", 8080);
    private static final Map<String, String> DATABASES = Map.of(
            "esus-slot-service", "esus_slot",
            "esus-booking-service", "esus_booking",
            "esus-subscription-service", "esus_subscription");
    private static final List<String> KAFKA_CLIENTS = List.of(
            "esus-slot-service", "esus-booking-service", "esus-subscription-service", "esus-notification-dispatcher");

    static List<ChartRendering> renderings() {
        return Renderings.both().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasOneWorkloadAndBookingServiceIsTheStatefulSet(ChartRendering rendering) {
        Manifests manifests = rendering.render();

        assertThat(manifests.workloads()).extracting(Manifests::name).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        assertThat(manifests.ofKind("StatefulSet")).extracting(Manifests::name).containsExactly("esus-booking-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void probesCheckQuarkusHealthOnTheServicePort(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : PORTS.keySet()) {
            Workload workload = manifests.workload(name);
            JsonNode container = workload.container();

            assertThat(workload.httpPort()).as(name).isEqualTo(PORTS.get(name));
            assertProbe(name, container.path("startupProbe"), "/q/health/started");
            assertProbe(name, container.path("livenessProbe"), "/q/health/live");
            assertProbe(name, container.path("readinessProbe"), "/q/health/ready");
        }
    }

    private static void assertProbe(String workload, JsonNode probe, String path) {
        assertThat(probe.path("httpGet").path("path").asText()).as("%s probe path", workload).isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asText()).as("%s probe port", workload).isEqualTo("http");
        assertThat(probe.path("periodSeconds").asInt()).as("%s probe period", workload).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void resourcesHaveRequestsAndLimitsAndTheJvmSizesItsHeapFromTheLimit(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : PORTS.keySet()) {
            Workload workload = manifests.workload(name);
            JsonNode resources = workload.container().path("resources");

            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(kind).path(resource).asText()).as("%s %s.%s", name, kind, resource).isNotBlank();
                }
            }
            assertThat(Quantities.bytes(resources.path("requests").path("memory").asText()))
                    .as("%s memory request within its limit", name)
                    .isLessThanOrEqualTo(Quantities.bytes(resources.path("limits").path("memory").asText()));
            assertThat(workload.environment().get("JAVA_OPTS_APPEND")).as(name).contains("-XX:MaxRAMPercentage=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void imagesArePinnedToAVersion(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : PORTS.keySet()) {
            String image = manifests.workload(name).container().path("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);

            assertThat(image).as(name).endsWith("/esus/" + name.replaceFirst("^esus-", "") + ":" + tag);
            assertThat(tag).as(image).isNotEqualTo("latest").matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podsRunAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : PORTS.keySet()) {
            Workload workload = manifests.workload(name);
            JsonNode pod = workload.podSpec().path("securityContext");
            JsonNode container = workload.container().path("securityContext");

            assertThat(pod.path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("runAsUser").asInt()).as(name).isPositive();
            assertThat(container.path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(container.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(container.path("capabilities").path("drop").toString()).as(name).contains("ALL");
            JsonNode tmp = workload.mountAt("/tmp").orElseThrow(() -> new AssertionError(name + " has no /tmp"));
            assertThat(workload.volume(tmp.path("name").asText()).has("emptyDir")).as(name).isTrue();
            assertThat(workload.podSpec().path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void kafkaClientsGetTheBootstrapServersAndDatabaseServicesTheirOwnDatabase(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : KAFKA_CLIENTS) {
            assertThat(manifests.workload(name).environment().get("KAFKA_BOOTSTRAP_SERVERS")).as(name)
                    .matches("[a-z0-9.-]+:[0-9]+(,[a-z0-9.-]+:[0-9]+)*");
        }
        for (Map.Entry<String, String> database : DATABASES.entrySet()) {
            Workload workload = manifests.workload(database.getKey());
            Map<String, String> environment = workload.environment();

            assertThat(environment.get("QUARKUS_DATASOURCE_JDBC_URL")).as(database.getKey())
                    .matches("jdbc:postgresql://[^/]+/" + database.getValue() + "(\\?.*)?");
            assertThat(environment.get("QUARKUS_DATASOURCE_USERNAME")).as(database.getKey()).isNotBlank();
            assertThat(environment).as(database.getKey()).doesNotContainKey("QUARKUS_DATASOURCE_PASSWORD");
            assertThat(workload.secretOf("QUARKUS_DATASOURCE_PASSWORD")).as(database.getKey()).isPresent();
        }
        assertThat(manifests.workload("esus-gateway").environment()).doesNotContainKeys(
                "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(manifests.workload("esus-notification-dispatcher").environment())
                .doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyWorkloadHasAServiceAndAPodDisruptionBudgetThatSelectItsPods(ChartRendering rendering) {
        Manifests manifests = rendering.render();
        for (String name : PORTS.keySet()) {
            Workload workload = manifests.workload(name);
            JsonNode service = manifests.get("Service", name);
            JsonNode budget = manifests.get("PodDisruptionBudget", name);

            assertSelects(name + " Service", service.path("spec").path("selector"), workload.podLabels());
            assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
            assertSelects(name + " PodDisruptionBudget", budget.path("spec").path("selector").path("matchLabels"),
                    workload.podLabels());
            assertThat(budget.path("spec").has("minAvailable") || budget.path("spec").has("maxUnavailable"))
                    .as(name).isTrue();
            assertSelects(name + " selector", workload.object().path("spec").path("selector").path("matchLabels"),
                    workload.podLabels());
        }
    }

    private static void assertSelects(String what, JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).as(what + " selects by something").isPositive();
        selector.fields().forEachRemaining(entry -> assertThat(labels.path(entry.getKey()).asText())
                .as("%s: pod label %s", what, entry.getKey())
                .isEqualTo(entry.getValue().asText()));
    }
}
