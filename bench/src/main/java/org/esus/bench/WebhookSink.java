package org.esus.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's rest-hook receiver on 127.0.0.1: answers every POST 204 at once and keeps
 * (path, arrival time, body) for the analysis afterwards, so the receiver itself adds as little
 * as it can to the latency it measures. Subscriptions name it as {@code <url>/<channel>/<n>}.
 */
final class WebhookSink implements AutoCloseable {

    /** One notification as it arrived; {@code nanos} is System.nanoTime() when its body was read. */
    record Arrival(String path, long nanos, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    WebhookSink(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        handlers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "webhook-sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::receive);
        server.start();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            long arrived = System.nanoTime();
            arrivals.add(new Arrival(exchange.getRequestURI().getPath(), arrived, body));
            count.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The endpoint of subscription {@code n} of a channel (a path segment naming the run's phase). */
    String endpoint(String channel, int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + channel + "/" + n;
    }

    long count() {
        return count.get();
    }

    /** Removes and returns what arrived so far, in arrival order (per handler thread). */
    List<Arrival> drain() {
        List<Arrival> drained = new ArrayList<>();
        for (Arrival a; (a = arrivals.poll()) != null; ) {
            drained.add(a);
        }
        return drained;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
