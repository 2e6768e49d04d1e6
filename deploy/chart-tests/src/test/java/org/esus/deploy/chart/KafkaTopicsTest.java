package org.esus.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The topics of ESUS with the partition counts the chart declares: the three slot topics share one
 * count (co-partitioned by slot id for booking-service's Kafka Streams join), esus.subscriptions is
 * compacted. Strimzi KafkaTopics with kafka.strimzi.enabled, else the kafka-topics.sh Job.
 */
class KafkaTopicsTest {

    private static final List<String> SLOT_TOPICS = List.of("esus.slot.events", "esus.booking.commands", "esus.slot.claims");
    private static final List<String> ALL_TOPICS = List.of("esus.slot.events", "esus.booking.commands", "esus.slot.claims",
            "esus.subscriptions", "esus.matches", "esus.notifications", "esus.delivery.outcomes");

    /** helm-java renders only the release's manifest, never its hooks: the Job is inspected as a plain Job. */
    private static JsonNode plainJob(ChartRendering rendering) {
        return rendering.with("kafka.topicsJob.hook", false).render().only("Job");
    }

    @Test
    void theJobCreatesEveryTopicWithTheSlotTopicsSharingOnePartitionCount() {
        Map<String, TopicsJob.Topic> topics = TopicsJob.topics(plainJob(ChartRendering.defaults()));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(ALL_TOPICS);
        assertThat(SLOT_TOPICS.stream().map(t -> topics.get(t).partitions()).collect(Collectors.toSet())).containsExactly(6);
        assertThat(topics.get("esus.subscriptions").options()).contains("--config cleanup.policy=compact");
        assertThat(topics.get("esus.notifications").partitions()).isEqualTo(6);
        assertThat(topics.get("esus.matches").partitions()).isEqualTo(6);
        assertThat(topics.get("esus.matches").options()).contains("--config retention.ms=604800000");
    }

    @Test
    void oneValueSetsThePartitionsOfAllThreeSlotTopics() {
        Map<String, TopicsJob.Topic> topics = TopicsJob.topics(plainJob(ChartRendering.defaults()
                .with("kafka.topics.slotPartitions", 12)));

        for (String topic : SLOT_TOPICS) {
            assertThat(topics.get(topic).partitions()).as(topic).isEqualTo(12);
        }
        assertThat(topics.get("esus.notifications").partitions()).isEqualTo(6);
    }

    @Test
    void theJobRunsKafkaTopicsWithTheClusterSettingsAndChecksExistingCounts() {
        JsonNode job = plainJob(ChartRendering.defaults().with("kafka.topics.replicationFactor", 3));
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        String script = TopicsJob.script(job);

        assertThat(container.path("image").asText()).matches("docker\\.io/apache/kafka:[0-9.]+");
        assertThat(script).contains("/opt/kafka/bin/kafka-topics.sh", "--create --if-not-exists",
                "--replication-factor 3", "--describe", "PartitionCount:", "exit 1");
        assertThat(container.toString()).contains("kafka-bootstrap.kafka.svc:9092");
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(job.path("spec").path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                .isTrue();
    }

    @Test
    void byDefaultTheJobIsAHookSoItIsNotPartOfTheReleaseManifest() {
        Manifests manifests = ChartRendering.defaults().render();

        assertThat(manifests.ofKind("Job")).isEmpty();
        assertThat(manifests.ofKind("KafkaTopic")).isEmpty();
    }

    @Test
    void withStrimziTheTopicsAreKafkaTopicsThatOutliveTheRelease() {
        Manifests manifests = ChartRendering.production().render();
        Map<String, JsonNode> topics = manifests.ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.path("spec").path("topicName").asText(), t -> t));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(ALL_TOPICS);
        assertThat(SLOT_TOPICS.stream().map(t -> topics.get(t).path("spec").path("partitions").asInt())
                .collect(Collectors.toSet())).containsExactly(24);
        assertThat(topics.get("esus.subscriptions").path("spec").path("config").path("cleanup.policy").asText())
                .isEqualTo("compact");
        for (JsonNode topic : topics.values()) {
            assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("esus-kafka");
            assertThat(topic.path("metadata").path("annotations").path("helm.sh/resource-policy").asText()).isEqualTo("keep");
        }
        assertThat(manifests.ofKind("Job")).isEmpty();
    }
}
