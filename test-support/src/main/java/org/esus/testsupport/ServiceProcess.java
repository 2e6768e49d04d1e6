package org.esus.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An ESUS service as a real operating-system process started from its packaged jar, so tests can
 * kill it with SIGKILL and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;

    private ServiceProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** The Quarkus fast-jar of a sibling module, e.g. {@code jar("slot-service")}. */
    public static Path jar(String module) {
        Path own = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (Path.of("").toAbsolutePath().getFileName().toString().equals(module)) {
            return own;
        }
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** The environment the service needs: its database, the broker, and the test token key. */
    public static Map<String, String> environment(String jdbcUrl, String bootstrapServers) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        environment.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        environment.put("MP_JWT_VERIFY_PUBLICKEY", TestTokens.publicKeyPem());
        environment.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return environment;
    }

    public static ServiceProcess start(String module, Map<String, String> environment, File log)
            throws IOException, InterruptedException {
        return start(module, environment, log, freePort());
    }

    /** Starts it on a given port: a restarted service keeps its address (the gateway routes to it). */
    public static ServiceProcess start(String module, Map<String, String> environment, File log, int port)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx192m",
                // as ./esus and the Helm chart run the dispatcher: see the notification-dispatcher line of ./esus
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-jar", jar(module).toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        ServiceProcess service = new ServiceProcess(module, builder.start(), port);
        service.awaitReady(Duration.ofSeconds(60), log);
        return service;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir/";
    }

    /** SIGKILL: no shutdown hook, no chance to finish anything in flight. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitReady(Duration timeout, File log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
