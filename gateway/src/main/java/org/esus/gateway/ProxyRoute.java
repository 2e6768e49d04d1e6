package org.esus.gateway;

import java.net.URI;
import java.util.Locale;

/**
 * Where a matched request goes: an upstream origin ({@code http://host:port}). The request path
 * and query are forwarded unchanged, so an upstream URL carries no path of its own.
 */
public record ProxyRoute(String name, String host, int port, boolean ssl) {

    public static ProxyRoute of(String name, String upstream) {
        URI uri;
        try {
            uri = URI.create(upstream.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name, upstream, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(name, upstream, "scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw invalid(name, upstream, "no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw invalid(name, upstream, "an upstream is an origin only (no path, no query)");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        return new ProxyRoute(name, uri.getHost(), port, ssl);
    }

    private static IllegalArgumentException invalid(String name, String upstream, String why) {
        return new IllegalArgumentException(
                "esus.gateway.routes." + name + ".upstream=" + upstream + ": " + why);
    }

    @Override
    public String toString() {
        return name + " -> " + (ssl ? "https" : "http") + "://" + host + ":" + port;
    }
}
