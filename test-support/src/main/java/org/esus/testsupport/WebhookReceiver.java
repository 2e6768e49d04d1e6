package org.esus.testsupport;

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
import java.util.function.IntFunction;

/**
 * A real webhook endpoint on 127.0.0.1 (the JDK's HttpServer), as a subscriber would run one: it
 * records every request per path (in arrival order, before answering, so a test that saw the
 * answer also sees the request) and answers 200, or as a test scripts the path (a sequence of
 * statuses, a redirect, a delay).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-cased, repeated values joined by commas. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, int answered,
            long arrivedNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How a path answers one request: a status, after a delay, with a Location (a redirect) or not. */
    private record Answer(int status, Duration delay, String location) {
    }

    private static final Answer OK = new Answer(200, Duration.ZERO, null);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, IntFunction<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        this(0);
    }

    /** On a given port: a receiver started again where an earlier one stopped (an endpoint that was down). */
    public WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The path answers these statuses in turn, then 200 for ever. */
    public void statuses(String path, int... statuses) {
        int[] script = statuses.clone();
        scripts.put(path, attempt -> attempt < script.length ? new Answer(script[attempt], Duration.ZERO, null) : OK);
    }

    public void always(String path, int status) {
        scripts.put(path, attempt -> new Answer(status, Duration.ZERO, null));
    }

    public void redirect(String path, String location) {
        scripts.put(path, attempt -> new Answer(302, Duration.ZERO, location));
    }

    public void slow(String path, Duration delay) {
        scripts.put(path, attempt -> new Answer(200, delay, null));
    }

    public List<Received> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** Polls until the path has at least {@code count} requests, then returns them all. */
    public List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " received " + requests(path).size() + " of " + count
                        + " expected requests within " + timeout + ": " + describe(requests(path)));
            }
            Thread.sleep(10);
        }
        return requests(path);
    }

    public static String describe(List<Received> requests) {
        return requests.stream().map(r -> r.method() + " " + r.headers() + " " + r.bodyText() + " -> " + r.answered())
                .toList().toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        int attempt = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
        Answer answer = scripts.getOrDefault(path, a -> OK).apply(attempt);
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Received(exchange.getRequestMethod(), path, headers, body, answer.status(), System.nanoTime()));
        try {
            Thread.sleep(answer.delay().toMillis());
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the sender timed out and closed the connection
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
