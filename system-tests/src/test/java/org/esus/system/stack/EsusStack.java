package org.esus.system.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestDatabase;

/**
 * The whole local stack as separate processes, the way {@code ./esus up} runs it: a KRaft broker,
 * the four services from their packaged jars (each on its own PostgreSQL database) and the
 * gateway in front, each on a fixed port so a killed service comes back at the same address.
 * One stack per test JVM ({@link #shared()}), stopped at JVM exit; tests keep to their own
 * practitioners and slots, so they need not clean up after each other.
 */
public final class EsusStack {

    /** A process of the stack; the order is the start order. */
    public enum Component {
        SLOT("slot-service", "slot"), BOOKING("booking-service", "booking"),
        SUBSCRIPTION("subscription-service", "subscription"), DISPATCHER("notification-dispatcher", null),
        GATEWAY("gateway", null);

        final String module;
        final String database;

        Component(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    private static EsusStack shared;

    private final Path dir;
    private final KafkaProcess broker;
    private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
    private final Map<Component, ServiceProcess> running = new EnumMap<>(Component.class);
    private final Map<Component, Map<String, String>> environments = new EnumMap<>(Component.class);

    private EsusStack(Path dir, KafkaProcess broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /** The stack of this test JVM, started on first use. */
    public static synchronized EsusStack shared() throws Exception {
        if (shared == null) {
            shared = start();
            EsusStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "esus-stack-stop"));
        }
        return shared;
    }

    private static EsusStack start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "esus-stack-");
        KafkaProcess broker = KafkaProcess.start(dir.resolve("kafka"), dir.resolve("kafka.log").toFile());
        Topics.create(broker.bootstrapServers());
        EsusStack stack = new EsusStack(dir, broker);
        for (Component component : Component.values()) {
            stack.ports.put(component, ServiceProcess.freePort());
        }
        for (Component component : Component.values()) {
            stack.environments.put(component, stack.environment(component));
            stack.start(component);
        }
        return stack;
    }

    private Map<String, String> environment(Component component) throws IOException {
        String database = component.database == null ? "esus_sys_none" : databaseName(component);
        String jdbcUrl = component.database == null ? TestDatabase.SERVER_URL + "/" + database : TestDatabase.recreate(database);
        Map<String, String> env = new HashMap<>(ServiceProcess.environment(jdbcUrl, broker.bootstrapServers()));
        switch (component) {
            case BOOKING -> env.put("KAFKA_STREAMS_STATE_DIR", Files.createDirectories(dir.resolve("streams")).toString());
            case SUBSCRIPTION -> {
                env.put("ESUS_SUBSCRIPTION_ALLOW_LOOPBACK", "true");
                env.put("ESUS_FHIR_BASE_URL", fhirBase());
            }
            case GATEWAY -> {
                env.put("ESUS_GATEWAY_ROUTES_SLOT_UPSTREAM", upstream(Component.SLOT));
                env.put("ESUS_GATEWAY_ROUTES_BOOKING_UPSTREAM", upstream(Component.BOOKING));
                env.put("ESUS_GATEWAY_ROUTES_SUBSCRIPTION_UPSTREAM", upstream(Component.SUBSCRIPTION));
            }
            default -> {
            }
        }
        return env;
    }

    /** Starts a component that is not running (again on its port, with its database and state). */
    public void start(Component component) throws IOException, InterruptedException {
        File log = dir.resolve(component.module + ".log").toFile();
        running.put(component, ServiceProcess.start(component.module, environments.get(component), log, ports.get(component)));
    }

    /** SIGKILL: no shutdown hook, nothing in flight finished. */
    public void kill(Component component) throws InterruptedException {
        running.remove(component).kill();
    }

    public KafkaProcess broker() {
        return broker;
    }

    /** The FHIR base URL clients use: the gateway's, with a trailing slash. */
    public String fhirBase() {
        return "http://127.0.0.1:" + ports.get(Component.GATEWAY) + "/fhir/";
    }

    /** The JDBC URL of a component's database. */
    public String jdbcUrl(Component component) {
        return TestDatabase.SERVER_URL + "/" + databaseName(component);
    }

    /** A component's own address, for its /q endpoints (metrics, health). */
    public String managementUrl(Component component) {
        return "http://127.0.0.1:" + ports.get(component) + "/q/";
    }

    private String upstream(Component component) {
        return "http://127.0.0.1:" + ports.get(component);
    }

    private static String databaseName(Component component) {
        return "esus_sys_" + component.database + "_" + ProcessHandle.current().pid();
    }

    /**
     * At JVM exit, quickly: surefire gives a forked JVM 30 s to exit before it kills it, and a
     * graceful stop of five services and a broker can take longer, which left brokers running.
     * Nothing needs a clean shutdown at this point, so every process gets SIGKILL.
     */
    private void close() {
        try {
            for (ServiceProcess process : running.values()) {
                process.kill();
            }
            running.clear();
            broker.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Component component : Component.values()) {
            if (component.database != null) {
                TestDatabase.drop(databaseName(component));
            }
        }
    }
}
