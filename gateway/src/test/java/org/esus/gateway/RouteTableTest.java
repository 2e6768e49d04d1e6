package org.esus.gateway;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTableTest {

    private final RouteTable table = RouteTable.from(routes(
            "slot", List.of("/fhir/Slot", "/fhir/Schedule", "/fhir/metadata"), List.of("/fhir"), "http://127.0.0.1:8081",
            "booking", List.of("/fhir/Appointment/"), List.of(), "http://127.0.0.1:8082",
            "special", List.of("/fhir/Slot/special"), List.of(), "https://special.example.org"));

    @Test
    void shouldMatchAPrefixAtAPathSegmentBoundaryOnly() {
        assertEquals("slot", route("/fhir/Slot"));
        assertEquals("slot", route("/fhir/Slot/123"));
        assertEquals("slot", route("/fhir/Slot/123/_history/2"));
        assertEquals("slot", route("/fhir/metadata"));
        assertEquals(null, route("/fhir/Slotty"));
        assertEquals(null, route("/fhir/metadataX"));
    }

    @Test
    void shouldMatchAnExactPathOnlyItselfWithOrWithoutTrailingSlash() {
        assertEquals("slot", route("/fhir"));
        assertEquals("slot", route("/fhir/"));
        assertEquals(null, route("/fhir//"));
        assertEquals(null, route("/fhir/Patient/1"));
        assertEquals(null, route("/fhirX"));
    }

    @Test
    void shouldPreferTheLongestMatch() {
        assertEquals("special", route("/fhir/Slot/special"));
        assertEquals("special", route("/fhir/Slot/special/1"));
        assertEquals("slot", route("/fhir/Slot/specials"));
        assertEquals("booking", route("/fhir/Appointment"));
        assertEquals("booking", route("/fhir/Appointment/1"));
    }

    @Test
    void shouldResolveTheUpstreamOrigin() {
        ProxyRoute special = table.match("/fhir/Slot/special").orElseThrow();
        assertEquals(new ProxyRoute("special", "special.example.org", 443, true), special);
        assertEquals(new ProxyRoute("booking", "127.0.0.1", 8082, false), table.match("/fhir/Appointment").orElseThrow());
    }

    @Test
    void shouldRejectAmbiguousOrInvalidRoutes() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.from(routes(
                "a", List.of("/fhir/Slot"), List.of(), "http://127.0.0.1:1",
                "b", List.of("/fhir/Slot/"), List.of(), "http://127.0.0.1:2")));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.from(routes(
                "a", List.of("fhir/Slot"), List.of(), "http://127.0.0.1:1")));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.from(routes(
                "a", List.of("/fhir/Slot"), List.of(), "http://127.0.0.1:1/base")));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.from(routes(
                "a", List.of(), List.of(), "http://127.0.0.1:1")));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.from(routes(
                "a", List.of("/x"), List.of(), "ftp://127.0.0.1:1")));
    }

    private String route(String path) {
        return table.match(path).map(ProxyRoute::name).orElse(null);
    }

    /** Arguments in fours: name, prefixes, exact paths, upstream. */
    @SuppressWarnings("unchecked")
    private static Map<String, GatewayConfig.Route> routes(Object... spec) {
        Map<String, GatewayConfig.Route> routes = new LinkedHashMap<>();
        for (int i = 0; i < spec.length; i += 4) {
            List<String> prefixes = (List<String>) spec[i + 1];
            List<String> paths = (List<String>) spec[i + 2];
            String upstream = (String) spec[i + 3];
            routes.put((String) spec[i], new GatewayConfig.Route() {
                @Override
                public Optional<List<String>> prefixes() {
                    return Optional.of(prefixes);
                }

                @Override
                public Optional<List<String>> paths() {
                    return Optional.of(paths);
                }

                @Override
                public String upstream() {
                    return upstream;
                }
            });
        }
        return routes;
    }
}
