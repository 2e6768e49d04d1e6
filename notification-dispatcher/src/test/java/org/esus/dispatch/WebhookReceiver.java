package org.esus.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
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
 * A real HTTP receiver on 127.0.0.1 (the JDK's HttpServer): records every request per path and
 * answers each path as a test scripts it (a sequence of statuses, a redirect, a delay).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-cased. */
    record Received(String path, Map<String, String> headers, byte[] body, long arrivedNanos) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How a path answers its n-th request (0-based). */
    interface Script {
        void answer(HttpExchange exchange, int attempt) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The path answers these statuses in turn, then 200 for ever. */
    void statuses(String path, int... statuses) {
        scripts.put(path, (exchange, attempt) -> reply(exchange, attempt < statuses.length ? statuses[attempt] : 200));
    }

    void always(String path, int status) {
        scripts.put(path, (exchange, attempt) -> reply(exchange, status));
    }

    void redirect(String path, String location) {
        scripts.put(path, (exchange, attempt) -> {
            exchange.getResponseHeaders().add("Location", location);
            reply(exchange, 302);
        });
    }

    void slow(String path, Duration delay) {
        scripts.put(path, (exchange, attempt) -> {
            Thread.sleep(delay.toMillis());
            reply(exchange, 200);
        });
    }

    List<Received> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** Waits until the path has at least {@code count} requests, and returns them all. */
    List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " received " + requests(path).size() + " of " + count + " requests in " + timeout);
            }
            Thread.sleep(10);
        }
        return requests(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Received request = new Received(path, headers, body, System.nanoTime());
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request);
        int attempt = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
        try {
            scripts.getOrDefault(path, (e, a) -> reply(e, 200)).answer(exchange, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the dispatcher timed out and closed the connection
        } finally {
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }


    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
