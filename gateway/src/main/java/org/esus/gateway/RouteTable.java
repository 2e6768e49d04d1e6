package org.esus.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a request path to a route: the longest configured prefix or exact path that matches wins.
 * A prefix matches the path equal to it and every path continuing with {@code /}; an exact path
 * matches only itself. Matching works on the path alone; the query never takes part.
 */
public final class RouteTable {

    private record Entry(String path, boolean exact, ProxyRoute route) {

        boolean matches(String requestPath) {
            if (exact) {
                // "/fhir/" is the same base URL as "/fhir" to FHIR clients.
                return requestPath.equals(path) || requestPath.equals(path + "/");
            }
            return path.equals("/") || requestPath.startsWith(path)
                    && (requestPath.length() == path.length() || requestPath.charAt(path.length()) == '/');
        }
    }

    /** Longest first, so the first match is the longest one. */
    private final List<Entry> entries;

    private RouteTable(List<Entry> entries) {
        this.entries = entries;
    }

    public static RouteTable from(Map<String, GatewayConfig.Route> routes) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        routes.forEach((name, config) -> {
            ProxyRoute route = ProxyRoute.of(name, config.upstream());
            List<String> prefixes = config.prefixes().orElse(List.of());
            List<String> paths = config.paths().orElse(List.of());
            if (prefixes.isEmpty() && paths.isEmpty()) {
                throw new IllegalArgumentException(
                        "esus.gateway.routes." + name + " has neither prefixes nor paths");
            }
            prefixes.forEach(p -> entries.add(new Entry(normalize(name, p), false, route)));
            paths.forEach(p -> entries.add(new Entry(normalize(name, p), true, route)));
        });
        for (Entry entry : entries) {
            String key = (entry.exact() ? "=" : "") + entry.path();
            String previous = owners.put(key, entry.route().name());
            if (previous != null && !previous.equals(entry.route().name())) {
                throw new IllegalArgumentException("path " + entry.path() + " is claimed by routes "
                        + previous + " and " + entry.route().name());
            }
        }
        // Longest path first; on equal length an exact path before a prefix (it is more specific).
        entries.sort(Comparator.comparingInt((Entry e) -> e.path().length()).reversed()
                .thenComparing(e -> !e.exact()));
        return new RouteTable(List.copyOf(entries));
    }

    private static String normalize(String name, String path) {
        String p = path.trim();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException(
                    "esus.gateway.routes." + name + ": path '" + path + "' must start with /");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    public Optional<ProxyRoute> match(String path) {
        for (Entry entry : entries) {
            if (entry.matches(path)) {
                return Optional.of(entry.route());
            }
        }
        return Optional.empty();
    }

    /** One line per entry, longest first: what the gateway logs at startup. */
    public List<String> describe() {
        return entries.stream()
                .map(e -> (e.exact() ? "= " : "  ") + e.path() + (e.exact() ? "" : "/**") + "  ->  " + e.route())
                .toList();
    }
}
