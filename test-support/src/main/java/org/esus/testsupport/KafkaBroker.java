package org.esus.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.esus.common.events.Topics;

/**
 * A real KRaft broker (one combined broker/controller node) inside the test JVM, started once
 * per JVM and shared by every test class, with the ESUS topics created at their local
 * partition counts.
 */
public final class KafkaBroker {

    public static final int SLOT_PARTITIONS = 6;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(KafkaBroker.class.getName());

    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            createTopics(cluster.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-test-broker-stop"));
        }
        return cluster.bootstrapServers();
    }

    public static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    private static KafkaClusterTestKit start() {
        // The broker shares the test JVM: it may log a fatal error, but never exit or halt the JVM.
        Exit.setExitProcedure((status, message) -> LOG.warning("Kafka asked to exit(" + status + "): " + message));
        Exit.setHaltProcedure((status, message) -> LOG.warning("Kafka asked to halt(" + status + "): " + message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process Kafka broker", e);
        }
    }

    private static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> topics = List.of(
                            new NewTopic(Topics.SLOT_EVENTS, SLOT_PARTITIONS, (short) 1),
                            new NewTopic(Topics.SLOT_CLAIMS, SLOT_PARTITIONS, (short) 1),
                            new NewTopic(Topics.BOOKING_COMMANDS, SLOT_PARTITIONS, (short) 1),
                            new NewTopic(Topics.SUBSCRIPTIONS, 3, (short) 1)
                                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                            new NewTopic(Topics.MATCHES, SLOT_PARTITIONS, (short) 1),
                            new NewTopic(Topics.NOTIFICATIONS, SLOT_PARTITIONS, (short) 1),
                            new NewTopic(Topics.DELIVERY_OUTCOMES, 3, (short) 1))
                    .stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the ESUS topics", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Closes the broker when the test JVM ends, for at most 10 s. A broker that hangs or fails
     * while clients of killed service processes still hold transactions must not turn a passed
     * test run into a failed fork: the JVM is going away either way.
     */
    private static void stop() {
        KafkaClusterTestKit running;
        synchronized (KafkaBroker.class) {
            running = cluster;
            cluster = null;
        }
        if (running == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                running.close();
            } catch (Exception ignored) {
                // nothing to report to
            }
        }, "kafka-test-broker-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
