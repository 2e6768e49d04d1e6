package org.esus.system.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics of deploy/local/topics.properties, as {@code ./esus up} does before any service starts. */
final class Topics {

    private Topics() {
    }

    static void create(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(declared(Path.of("..", "deploy", "local", "topics.properties"))).all().get();
        }
    }

    /** {@code <topic>=<partitions>[,<config>=<value>...]} lines; # starts a comment. */
    static List<NewTopic> declared(Path file) throws IOException {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.replaceAll("#.*", "").replaceAll("\\s", "");
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split(",");
            String[] topic = parts[0].split("=");
            Map<String, String> configs = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] config = parts[i].split("=", 2);
                configs.put(config[0], config[1]);
            }
            topics.add(new NewTopic(topic[0], Optional.of(Integer.parseInt(topic[1])), Optional.empty()).configs(configs));
        }
        return topics;
    }
}
