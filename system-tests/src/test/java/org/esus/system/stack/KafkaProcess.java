package org.esus.system.stack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.esus.testsupport.ServiceProcess;

/**
 * A KRaft broker (combined broker and controller) as its own operating-system process, started
 * the way {@code ./esus up} starts it: {@code kafka.Kafka} on the classpath the deploy module
 * resolves, from deploy/local's server template with free ports. Its log directory outlives a
 * stop, so {@link #stop()} then {@link #start()} is a broker outage, not a new cluster.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Path DEPLOY = Path.of("..", "deploy");

    private final Path properties;
    private final int port;
    private final File log;
    private Process process;

    private KafkaProcess(Path properties, int port, File log) {
        this.properties = properties;
        this.port = port;
        this.log = log;
    }

    /** Formats a new log directory under {@code dir} and starts the broker on it. */
    public static KafkaProcess start(Path dir, File log) throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        int controllerPort = ServiceProcess.freePort();
        String template = Files.readString(DEPLOY.resolve("local/kafka-server.properties"))
                .replace("127.0.0.1:9092", "127.0.0.1:" + port)
                .replace("127.0.0.1:9093", "127.0.0.1:" + controllerPort);
        Path properties = dir.resolve("server.properties");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(properties, template + "\nlog.dirs=" + dir.resolve("data").toAbsolutePath() + "\n");
        KafkaProcess broker = new KafkaProcess(properties, port, log);
        broker.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                properties.toString()), true);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        process = run(List.of("kafka.Kafka", properties.toString()), false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not open port " + port + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /** A clean stop (SIGTERM: controlled shutdown), as an operator's restart does it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: for the end of a test run, when nothing needs the broker's data any more. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private Process run(List<String> mainAndArgs, boolean waitForExit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + DEPLOY.resolve("local/kafka-log4j2.properties").toAbsolutePath(),
                "-cp", Files.readString(DEPLOY.resolve("target/kafka.classpath")).trim()));
        command.addAll(mainAndArgs);
        Process started = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        if (waitForExit) {
            if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                throw new IllegalStateException(mainAndArgs.get(0) + " failed; see " + log);
            }
        }
        return started;
    }
}
