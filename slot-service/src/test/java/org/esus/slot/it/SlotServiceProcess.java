package org.esus.slot.it;

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
import org.esus.testsupport.TestDatabase;
import org.esus.testsupport.TestTokens;

/** slot-service as a real operating-system process started from its packaged jar. */
final class SlotServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    final int port;

    private SlotServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The environment the service needs: its database, the broker, and the test token key. */
    static Map<String, String> environment(String jdbcUrl, String bootstrapServers) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        environment.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        environment.put("MP_JWT_VERIFY_PUBLICKEY", TestTokens.publicKeyPem());
        environment.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return environment;
    }

    static SlotServiceProcess start(Map<String, String> environment, File log) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx192m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        SlotServiceProcess service = new SlotServiceProcess(builder.start(), port);
        service.awaitReady(Duration.ofSeconds(60), log);
        return service;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir/";
    }

    /** SIGKILL: no shutdown hook, no chance to finish anything in flight. */
    void kill() throws InterruptedException {
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
                throw new IllegalStateException("slot-service exited with " + process.exitValue() + "; see " + log);
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
        throw new IllegalStateException("slot-service was not ready within " + timeout + "; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
