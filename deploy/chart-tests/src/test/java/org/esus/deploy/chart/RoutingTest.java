package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.esus.deploy.chart.EdgeRoutes.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path of CONTRACT.md reaches the Service that owns it, through the Ingress and through the
 * HTTPRoute, as the gateway's own route table (gateway/src/main/resources/application.properties)
 * sends it locally.
 */
class RoutingTest {

    /** Request path (without its query) and the Service that must answer it. */
    private static final Map<String, String> CONTRACT_PATHS = new LinkedHashMap<>();

    static {
        CONTRACT_PATHS.put("/fhir", "esus-slot-service"); // batch and transaction Bundles
        CONTRACT_PATHS.put("/fhir/metadata", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/.well-known/smart-configuration", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/Schedule", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/Schedule/0b0c3c1e-5f7a-4d2b-9c1e-2f3a4b5c6d7e", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/Slot", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/Slot/0b0c3c1e-5f7a-4d2b-9c1e-2f3a4b5c6d7e", "esus-slot-service");
        CONTRACT_PATHS.put("/fhir/Appointment", "esus-booking-service");
        CONTRACT_PATHS.put("/fhir/Appointment/0b0c3c1e-5f7a-4d2b-9c1e-2f3a4b5c6d7e", "esus-booking-service");
        CONTRACT_PATHS.put("/fhir/Subscription", "esus-subscription-service");
        CONTRACT_PATHS.put("/fhir/Subscription/0b0c3c1e-5f7a-4d2b-9c1e-2f3a4b5c6d7e", "esus-subscription-service");
        CONTRACT_PATHS.put("/fhir/Basic", "esus-subscription-service"); // subscription topics, searched by url
        CONTRACT_PATHS.put("/fhir/Basic/slot-changes", "esus-subscription-service");
    }

    private static final Map<String, Function<Manifests, EdgeRoutes>> EXPOSURES = Map.of(
            "ingress", EdgeRoutes::ofIngress,
            "httproute", EdgeRoutes::ofHttpRoute);

    private static EdgeRoutes routes(String expose, ChartRendering rendering) {
        return EXPOSURES.get(expose).apply(rendering.with("gateway.expose", expose).render());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress", "httproute"})
    void eachContractPathGoesStraightToTheServiceThatOwnsIt(String expose) {
        EdgeRoutes routes = routes(expose, ChartRendering.defaults());

        CONTRACT_PATHS.forEach((path, service) -> assertThat(routes.routeOf(path)).as(path)
                .map(Route::service).contains(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress", "httproute"})
    void routesPointAtTheServicePortOfAServiceOfTheRelease(String expose) {
        Manifests manifests = ChartRendering.defaults().with("gateway.expose", expose).render();
        for (Route route : EXPOSURES.get(expose).apply(manifests).all()) {
            int servicePort = manifests.get("Service", route.service()).path("spec").path("ports").get(0).path("port").asInt();
            assertThat(route.port()).as(route.toString()).isEqualTo(servicePort);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress", "httproute"})
    void otherPathsGoToTheGatewayWhoseNotFoundIsAnOperationOutcome(String expose) {
        EdgeRoutes routes = routes(expose, ChartRendering.defaults());

        for (String path : List.of("/fhir/Slotty", "/fhir/Patient/1", "/fhir/Appointments", "/fhir/SubscriptionTopic")) {
            assertThat(routes.routeOf(path)).as(path).map(Route::service).contains("esus-gateway");
        }
        assertThat(routes.routeOf("/q/metrics")).as("health and metrics stay inside the cluster").isEmpty();
        assertThat(routes.routeOf("/")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingress", "httproute"})
    void withRouteToGatewayEveryFhirPathGoesThroughTheGatewayDeployment(String expose) {
        EdgeRoutes routes = routes(expose, ChartRendering.defaults().with("gateway.routeTo", "gateway"));

        CONTRACT_PATHS.keySet().forEach(path -> assertThat(routes.routeOf(path)).as(path)
                .map(Route::service).contains("esus-gateway"));
    }

    @Test
    void productionTerminatesTlsForTheHostAtTheIngress() {
        Manifests manifests = ChartRendering.production().render();
        var ingress = manifests.only("Ingress").path("spec");

        assertThat(ingress.path("tls").get(0).path("hosts").get(0).asText()).isEqualTo("esus.example.org");
        assertThat(ingress.path("tls").get(0).path("secretName").asText()).isNotBlank();
        assertThat(ingress.path("rules").get(0).path("host").asText()).isEqualTo("esus.example.org");
        CONTRACT_PATHS.forEach((path, service) -> assertThat(EdgeRoutes.ofIngress(manifests).routeOf(path)).as(path)
                .map(Route::service).contains(service));
    }

    @Test
    void exposeNoneRendersNeitherIngressNorHttpRoute() {
        Manifests manifests = ChartRendering.defaults().with("gateway.expose", "none").render();

        assertThat(manifests.ofKind("Ingress")).isEmpty();
        assertThat(manifests.ofKind("HTTPRoute")).isEmpty();
    }

    @Test
    void theGatewayDeploymentRoutesToTheSameServicesAndPorts() {
        Manifests manifests = ChartRendering.defaults().render();
        Map<String, String> environment = manifests.workload("esus-gateway").environment();

        assertThat(environment).containsEntry("ESUS_GATEWAY_ROUTES_SLOT_UPSTREAM", "http://esus-slot-service:8081")
                .containsEntry("ESUS_GATEWAY_ROUTES_BOOKING_UPSTREAM", "http://esus-booking-service:8082")
                .containsEntry("ESUS_GATEWAY_ROUTES_SUBSCRIPTION_UPSTREAM", "http://esus-subscription-service:8083");
        for (String upstream : List.of("slot", "booking", "subscription")) {
            String url = environment.get("ESUS_GATEWAY_ROUTES_" + upstream.toUpperCase() + "_UPSTREAM");
            String service = url.substring("http://".length(), url.lastIndexOf(':'));
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            assertThat(manifests.get("Service", service).path("spec").path("ports").get(0).path("port").asInt())
                    .as(url).isEqualTo(port);
        }
    }
}
