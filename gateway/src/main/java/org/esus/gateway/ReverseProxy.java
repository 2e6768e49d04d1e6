package org.esus.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reverse proxy: every request outside the gateway's own {@code /q} endpoints is matched
 * against the {@link RouteTable} and forwarded to its upstream, body streamed both ways (never
 * buffered whole), through one shared keep-alive {@link HttpClient}.
 *
 * <p>What is forwarded: method, path and query, every end-to-end header including the original
 * {@code Host} (the services build absolute URLs from it), plus {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto}. Hop-by-hop headers (RFC 9110 section 7.6.1) are dropped both ways.
 * The path is routed and forwarded in its normalized form (dot segments resolved), so an upstream
 * always sees the path that chose it. {@code Expect: 100-continue} is answered by the gateway
 * once it holds a connection to the upstream; the body then streams through.
 *
 * <p>What the gateway answers itself: 404 when no route matches, 503 with {@code Retry-After}
 * when the upstream cannot be reached or does not answer in time, both as OperationOutcome. If
 * an upstream fails after its response has started, the client connection is reset: a truncated
 * body must never look complete.
 */
@ApplicationScoped
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    static final String RETRY_AFTER_SECONDS = "5";

    private final RouteTable routes;
    private final HttpClient client;
    private final long idleTimeoutMillis;
    private final String ownPrefix;

    ReverseProxy(GatewayConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String ownRoot) {
        this.routes = RouteTable.from(config.routes());
        this.idleTimeoutMillis = config.idleTimeout().toMillis();
        this.ownPrefix = "/" + ownRoot.replaceAll("^/+|/+$", "");
        HttpClientOptions options = new HttpClientOptions()
                .setName("esus-gateway")
                .setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDecompressionSupported(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.poolSizePerUpstream());
        this.client = vertx.createHttpClient(options, pool);
    }

    void install(@Observes Router router) {
        router.route().handler(this::handle);
        LOG.infof("Gateway routes (longest first):%n  %s", String.join(System.lineSeparator() + "  ", routes.describe()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(ownPrefix) || path.startsWith(ownPrefix + "/")) {
            ctx.next();
            return;
        }
        HttpServerRequest in = ctx.request();
        Optional<ProxyRoute> route = routes.match(path);
        if (route.isEmpty()) {
            fail(in, 404, "not-found", "No service serves the path " + path);
            return;
        }
        forward(in, route.get(), path);
    }

    private void forward(HttpServerRequest in, ProxyRoute route, String path) {
        in.pause();
        MultiMap headers = HttpHeaders.headers();
        copyEndToEnd(in.headers(), headers);
        boolean expectContinue = "100-continue".equalsIgnoreCase(in.getHeader(HttpHeaders.EXPECT));
        headers.remove(HttpHeaders.EXPECT);
        addForwardedHeaders(in, headers);
        boolean hasBody = in.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || !"0".equals(in.getHeader(HttpHeaders.CONTENT_LENGTH)) && in.headers().contains(HttpHeaders.CONTENT_LENGTH);
        String query = in.query();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(query == null ? path : path + "?" + query)
                .setHeaders(headers)
                .setIdleTimeout(idleTimeoutMillis);
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                unavailable(in, route, connected.cause());
                return;
            }
            HttpClientRequest out = connected.result();
            if (hasBody && expectContinue) {
                in.response().writeContinue();
            }
            if (!hasBody) {
                in.resume();
            }
            (hasBody ? out.send(in) : out.send()).onComplete(answered -> {
                if (answered.failed()) {
                    out.reset();
                    if (in.response().closed()) {
                        LOG.debugf("%s %s: client went away: %s", in.method(), in.path(), answered.cause());
                    } else {
                        unavailable(in, route, answered.cause());
                    }
                } else {
                    relay(in, out, answered.result());
                }
            });
        });
    }

    private static void relay(HttpServerRequest in, HttpClientRequest out, HttpClientResponse upstream) {
        HttpServerResponse response = in.response();
        response.setStatusCode(upstream.statusCode());
        if (upstream.statusMessage() != null) {
            response.setStatusMessage(upstream.statusMessage());
        }
        copyEndToEnd(upstream.headers(), response.headers());
        int status = upstream.statusCode();
        boolean bodyAllowed = in.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
        if (bodyAllowed && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        upstream.pipe().endOnFailure(false).to(response).onFailure(e -> {
            LOG.debugf("%s %s: response stream broken: %s", in.method(), in.path(), e);
            out.reset();
            response.reset();
        });
    }

    private static void addForwardedHeaders(HttpServerRequest in, MultiMap headers) {
        SocketAddress remote = in.remoteAddress();
        if (remote != null && remote.hostAddress() != null) {
            String previous = in.getHeader("X-Forwarded-For");
            headers.set("X-Forwarded-For", previous == null ? remote.hostAddress() : previous + ", " + remote.hostAddress());
        }
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        }
    }

    /** Copies every header except the hop-by-hop ones, including those the Connection header names. */
    static void copyEndToEnd(MultiMap from, MultiMap to) {
        Set<String> hop = new HashSet<>(HOP_BY_HOP);
        for (String connection : from.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                hop.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (Map.Entry<String, String> header : from) {
            if (!hop.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private static void unavailable(HttpServerRequest in, ProxyRoute route, Throwable cause) {
        LOG.warnf("%s %s: upstream %s unavailable: %s", in.method(), in.path(), route, cause.toString());
        fail(in, 503, "transient", "The service for this path (" + route.name() + ") is unavailable; retry later");
    }

    private static void fail(HttpServerRequest in, int status, String code, String diagnostics) {
        HttpServerResponse response = in.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.headers().clear();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, OperationOutcomes.CONTENT_TYPE);
        if (status == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        response.end(OperationOutcomes.of(code, diagnostics));
        if (!in.isEnded()) {
            in.resume(); // discard whatever body the client still sends
        }
    }
}
