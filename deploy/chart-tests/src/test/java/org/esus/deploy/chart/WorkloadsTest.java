package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every service's workload must have, with the default values and with values-production.yaml. */
class WorkloadsTest {

    /** Each workload and its HTTP port (the service's quarkus.http.port). */
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

    /** Every rendering with every workload. */
    static Stream<Arguments> workloads() {
        return Renderings.both().flatMap(rendering -> PORTS.keySet().stream().sorted().map(name -> Arguments.of(rendering, name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasOneWorkloadAndBookingServiceIsTheStatefulSet(ChartRendering rendering) {
        Manifests manifests = rendering.render();

        assertThat(manifests.workloads()).extracting(Manifests::name).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        assertThat(manifests.ofKind("StatefulSet")).extracting(Manifests::name).containsExactly("esus-booking-service");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void probesCheckQuarkusHealthOnTheServicePort(ChartRendering rendering, String name) {
        Workload workload = rendering.render().workload(name);
        JsonNode container = workload.container();

        assertThat(workload.httpPort()).isEqualTo(PORTS.get(name));
        assertProbe(container.path("startupProbe"), "/q/health/started");
        assertProbe(container.path("livenessProbe"), "/q/health/live");
        assertProbe(container.path("readinessProbe"), "/q/health/ready");
    }

    private static void assertProbe(JsonNode probe, String path) {
        assertThat(probe.path("httpGet").path("path").asText()).as("probe path").isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asText()).as("probe port of %s", path).isEqualTo("http");
        assertThat(probe.path("periodSeconds").asInt()).as("probe period of %s", path).isPositive();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void resourcesHaveRequestsAndLimitsAndTheJvmSizesItsHeapFromTheLimit(ChartRendering rendering, String name) {
        Workload workload = rendering.render().workload(name);
        JsonNode resources = workload.container().path("resources");

        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(resources.path(kind).path(resource).asText()).as("%s.%s", kind, resource).isNotBlank();
            }
        }
        assertThat(Quantities.bytes(resources.path("requests").path("memory").asText())).as("memory request within its limit")
                .isLessThanOrEqualTo(Quantities.bytes(resources.path("limits").path("memory").asText()));
        assertThat(workload.environment().get("JAVA_OPTS_APPEND")).contains("-XX:MaxRAMPercentage=");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void theImageIsTheServicesAndPinnedToAVersion(ChartRendering rendering, String name) {
        String image = rendering.render().workload(name).container().path("image").asText();
        String tag = image.substring(image.lastIndexOf(':') + 1);

        assertThat(image).endsWith("/esus/" + name.replaceFirst("^esus-", "") + ":" + tag);
        assertThat(tag).isNotEqualTo("latest").matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void thePodRunsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp(ChartRendering rendering, String name) {
        Workload workload = rendering.render().workload(name);
        JsonNode pod = workload.podSpec().path("securityContext");
        JsonNode container = workload.container().path("securityContext");

        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("runAsUser").asInt()).isPositive();
        assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.path("capabilities").path("drop").toString()).contains("ALL");
        JsonNode tmp = workload.mountAt("/tmp").orElseThrow(() -> new AssertionError(name + " has no /tmp"));
        assertThat(workload.volume(tmp.path("name").asText()).has("emptyDir")).isTrue();
        assertThat(workload.podSpec().path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void kafkaClientsGetTheBootstrapServersAndDatabaseServicesTheirOwnDatabase(ChartRendering rendering, String name) {
        Workload workload = rendering.render().workload(name);
        Map<String, String> environment = workload.environment();

        if (KAFKA_CLIENTS.contains(name)) {
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).matches("[a-z0-9.-]+:[0-9]+(,[a-z0-9.-]+:[0-9]+)*");
        } else {
            assertThat(environment).doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (DATABASES.containsKey(name)) {
            assertThat(environment.get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .matches("jdbc:postgresql://[^/]+/" + DATABASES.get(name) + "(\\?.*)?");
            assertThat(environment.get("QUARKUS_DATASOURCE_USERNAME")).isNotBlank();
            assertThat(environment).doesNotContainKey("QUARKUS_DATASOURCE_PASSWORD");
            assertThat(workload.secretOf("QUARKUS_DATASOURCE_PASSWORD")).isPresent();
        } else {
            assertThat(environment).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
        }
        // subscription-service replicas pass $status and $events to the one holding the log, by pod IP.
        boolean advertisesPodIp = false;
        for (JsonNode variable : workload.container().path("env")) {
            if ("ESUS_NUMBERING_HOST".equals(variable.path("name").asText())) {
                advertisesPodIp = "status.podIP".equals(variable.path("valueFrom").path("fieldRef").path("fieldPath").asText());
            }
        }
        assertThat(advertisesPodIp).as(name).isEqualTo(name.equals("esus-subscription-service"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("workloads")
    void aServiceAndAPodDisruptionBudgetSelectTheWorkloadsPods(ChartRendering rendering, String name) {
        Manifests manifests = rendering.render();
        Workload workload = manifests.workload(name);
        JsonNode service = manifests.get("Service", name).path("spec");
        JsonNode budget = manifests.get("PodDisruptionBudget", name).path("spec");

        assertSelects("Service", service.path("selector"), workload.podLabels());
        assertThat(service.path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertSelects("PodDisruptionBudget", budget.path("selector").path("matchLabels"), workload.podLabels());
        assertThat(budget.has("minAvailable") || budget.has("maxUnavailable")).isTrue();
        assertSelects("workload selector", workload.object().path("spec").path("selector").path("matchLabels"),
                workload.podLabels());
    }

    private static void assertSelects(String what, JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).as(what + " selects by something").isPositive();
        selector.fields().forEachRemaining(entry -> assertThat(labels.path(entry.getKey()).asText())
                .as("%s: pod label %s", what, entry.getKey())
                .isEqualTo(entry.getValue().asText()));
    }
}
