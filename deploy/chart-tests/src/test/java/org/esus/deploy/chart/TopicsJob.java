package org.esus.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics the Kafka topic Job's script creates: its `ensure TOPIC PARTITIONS [--config K=V ...]` lines. */
final class TopicsJob {

    private static final Pattern ENSURE = Pattern.compile("(?m)^ensure (\\S+) (\\d+)(.*)$");

    record Topic(String name, int partitions, String options) {
    }

    private TopicsJob() {
    }

    static String script(JsonNode job) {
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        return container.path("args").get(0).asText();
    }

    static Map<String, Topic> topics(JsonNode job) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        Matcher matcher = ENSURE.matcher(script(job));
        while (matcher.find()) {
            topics.put(matcher.group(1), new Topic(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3).trim()));
        }
        return topics;
    }
}
