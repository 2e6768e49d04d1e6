package org.esus.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

/**
 * Scales the local stack's notification-dispatcher ({@code ./esus scale}) and waits until its
 * consumer group has settled: that many members, each with partitions of esus.notifications.
 * A replica that is up but not yet assigned delivers nothing, so timing starts only then.
 */
final class DispatcherReplicas {

    private final String bootstrap;
    private final String group;

    DispatcherReplicas(String bootstrap, String group) {
        this.bootstrap = bootstrap;
        this.group = group;
    }

    /** Runs {@code ./esus scale notification-dispatcher n}, then waits for the group; returns its assignment. */
    String scale(int replicas, Duration timeout) throws Exception {
        Process scale = new ProcessBuilder("./esus", "scale", "notification-dispatcher", Integer.toString(replicas))
                .inheritIO().start();
        if (scale.waitFor() != 0) {
            throw new IllegalStateException("./esus scale notification-dispatcher " + replicas + " failed");
        }
        return awaitMembers(replicas, timeout);
    }

    private String awaitMembers(int members, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(List.of(group)).all().get();
                ConsumerGroupDescription description = described.get(group);
                List<MemberDescription> assigned = description.members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).toList();
                if (description.groupState() == GroupState.STABLE && description.members().size() == members
                        && assigned.size() == members) {
                    return assigned.stream().map(m -> m.assignment().topicPartitions().size() + " partitions")
                            .sorted().toList().toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer group " + group + " has not settled on " + members
                            + " assigned members within " + timeout + ": " + description);
                }
                Thread.sleep(250);
            }
        }
    }
}
