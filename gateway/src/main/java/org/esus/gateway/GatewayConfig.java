package org.esus.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's configuration: a table of named routes, each sending some request paths to one
 * upstream, plus the limits of the shared HTTP client.
 *
 * <pre>
 * esus.gateway.routes.slot.prefixes=/fhir/Slot,/fhir/Schedule,/fhir/metadata,/fhir/.well-known
 * esus.gateway.routes.slot.paths=/fhir
 * esus.gateway.routes.slot.upstream=http://127.0.0.1:8081
 * </pre>
 */
@ConfigMapping(prefix = "esus.gateway")
public interface GatewayConfig {

    /** Routes by name; the name only appears in logs and error messages. */
    Map<String, Route> routes();

    /** How long to wait for a TCP connection to an upstream before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long an exchange with an upstream may stay silent (no byte either way) before the
     * gateway gives up: 503 if the upstream has not answered yet, a reset connection otherwise.
     */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Keep-alive connections per upstream, hence concurrent requests per upstream. */
    @WithDefault("64")
    int poolSizePerUpstream();

    interface Route {

        /**
         * Path prefixes: each matches the path equal to it and every path continuing with
         * {@code /} ({@code /fhir/Slot} matches {@code /fhir/Slot/123}, not {@code /fhir/Slotty}).
         */
        Optional<List<String>> prefixes();

        /** Exact paths: each matches only the path equal to it ({@code /fhir}: the batch endpoint). */
        Optional<List<String>> paths();

        /** {@code http://host:port} of the service that serves these paths. */
        String upstream();
    }
}
