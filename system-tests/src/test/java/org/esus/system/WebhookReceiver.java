package org.esus.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook endpoint on 127.0.0.1 (the JDK's HttpServer), as a subscriber would run one:
 * it records every request per path (headers and body, in arrival order) and answers 200, or
 * the statuses a test scripted for a path.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-cased, repeated values joined by commas. */
    record Received(String method, String path, Map<String, String> headers, byte[] body, int answered) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, int[]> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        this(0);
    }

    /** On a given port: a receiver started again where an earlier one stopped (an endpoint that was down). */
    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The path answers these statuses to its first requests, then 200 for ever. */
    void answer(String path, int... statuses) {
        scripts.put(path, statuses.clone());
    }

    List<Received> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** Polls until the path has at least {@code count} requests, then returns them all. */
    List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " received " + requests(path).size() + " of " + count
                        + " expected requests within " + timeout + ": " + describe(requests(path)));
            }
            Thread.sleep(20);
        }
        return requests(path);
    }

    static String describe(List<Received> requests) {
        return requests.stream().map(r -> r.method() + " " + r.headers() + " " + r.bodyText() + " -> " + r.answered())
                .toList().toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            int attempt = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            int[] script = scripts.get(path);
            int status = script != null && attempt < script.length ? script[attempt] : 200;
            // Recorded before answering, so a test that saw the 200 also sees the request.
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new Received(exchange.getRequestMethod(), path, headers, body, status));
            exchange.sendResponseHeaders(status, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
