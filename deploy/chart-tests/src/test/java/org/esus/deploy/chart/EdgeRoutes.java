package org.esus.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The path routing of a rendered Ingress or HTTPRoute, resolved as the specifications say: Exact
 * matches the whole path; Prefix (Ingress) and PathPrefix (HTTPRoute) match the path and everything
 * below it at a "/" boundary (/fhir/Slot matches /fhir/Slot/1, not /fhir/Slotty); an Exact match
 * wins, then the longest prefix.
 */
final class EdgeRoutes {

    record Route(String path, boolean exact, String service, int port) {

        boolean matches(String requestPath) {
            if (exact) {
                return requestPath.equals(path);
            }
            return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    private final List<Route> routes;

    private EdgeRoutes(List<Route> routes) {
        this.routes = routes;
    }

    /** The rules of the rendering's single Ingress; Service ports named there are resolved to numbers. */
    static EdgeRoutes ofIngress(Manifests manifests) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode rule : manifests.only("Ingress").path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                String type = path.path("pathType").asText();
                if (!type.equals("Exact") && !type.equals("Prefix")) {
                    throw new AssertionError("path type " + type + " has no portable meaning");
                }
                JsonNode service = path.path("backend").path("service");
                String name = service.path("name").asText();
                routes.add(new Route(path.path("path").asText(), type.equals("Exact"), name,
                        servicePort(manifests, name, service.path("port"))));
            }
        }
        return new EdgeRoutes(routes);
    }

    /** The rules of the rendering's single HTTPRoute (one backend per rule). */
    static EdgeRoutes ofHttpRoute(Manifests manifests) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode rule : manifests.only("HTTPRoute").path("spec").path("rules")) {
            JsonNode backends = rule.path("backendRefs");
            if (backends.size() != 1) {
                throw new AssertionError("a rule with " + backends.size() + " backends splits traffic");
            }
            for (JsonNode match : rule.path("matches")) {
                String type = match.path("path").path("type").asText();
                routes.add(new Route(match.path("path").path("value").asText(), type.equals("Exact"),
                        backends.get(0).path("name").asText(), backends.get(0).path("port").asInt()));
            }
        }
        return new EdgeRoutes(routes);
    }

    private static int servicePort(Manifests manifests, String service, JsonNode port) {
        if (port.has("number")) {
            return port.path("number").asInt();
        }
        for (JsonNode servicePort : manifests.get("Service", service).path("spec").path("ports")) {
            if (port.path("name").asText().equals(servicePort.path("name").asText())) {
                return servicePort.path("port").asInt();
            }
        }
        throw new AssertionError("Service " + service + " has no port " + port);
    }

    /** The route a request for this path takes, if any. */
    Optional<Route> routeOf(String requestPath) {
        return routes.stream()
                .filter(route -> route.matches(requestPath))
                .max(Comparator.comparing(Route::exact).thenComparing(route -> route.path().length()));
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
