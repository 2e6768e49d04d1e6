package org.esus.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.esus.common.events.ConsumerLoop;
import org.esus.common.events.EventProducers;
import org.esus.common.events.TransactionalBatchPublisher;
import org.esus.testsupport.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * What the matcher's exactly-once relies on, against a real broker: a batch whose send fails
 * publishes nothing a read_committed reader sees, and its retry publishes each record once, with
 * the consumed offsets committed in the same transaction.
 */
class TransactionalLoopTest {

    @Test
    void aBatchWithAFailedSendIsAbortedWholeAndItsRetryPublishesEachRecordOnce() throws Exception {
        String in = "test.tx-in-" + UUID.randomUUID();
        String out = "test.tx-out-" + UUID.randomUUID();
        String group = "test-tx-" + UUID.randomUUID();
        KafkaBroker.admin().createTopics(List.of(new NewTopic(in, 1, (short) 1), new NewTopic(out, 1, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                EventProducers.idempotent(KafkaBroker.bootstrapServers(), "test-input", 0))) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(in, "k" + i, "v" + i)).get();
            }
        }
        AtomicInteger attempts = new AtomicInteger();
        ConsumerLoop.BatchTransform transform = records -> {
            List<ProducerRecord<String, String>> output = new ArrayList<>();
            records.forEach(r -> output.add(new ProducerRecord<>(out, r.key(), r.value())));
            if (attempts.incrementAndGet() == 1) {
                // Sent after the batch's good records and refused by the producer (over max.request.size).
                output.add(new ProducerRecord<>(out, "too-large", "x".repeat(2 * 1024 * 1024)));
            }
            return output;
        };
        Properties config = EventProducers.batching(KafkaBroker.bootstrapServers(), "test-tx", 0);
        try (TransactionalBatchPublisher publisher = new TransactionalBatchPublisher(config, "test-tx-" + UUID.randomUUID());
                TopicReader<String> reader = new TopicReader<>(out, String.class)) {
            ConsumerLoop loop = ConsumerLoop.transactional(KafkaBroker.bootstrapServers(), group, in, "earliest",
                    publisher, transform, () -> true);
            loop.start("test-transactional-loop");
            try {
                reader.records(3, Duration.ofSeconds(30));
                // A duplicate would follow the first copies: wait for a fourth record a little longer.
                List<String> seen = reader.records(4, Duration.ofSeconds(2)).stream().map(ConsumerRecord::value).toList();
                assertEquals(List.of("v1", "v2", "v3"), seen, "each record once, none of the aborted batch");
                assertTrue(attempts.get() >= 2, "the failed batch was consumed again");
            } finally {
                loop.stop();
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaBroker.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        assertEquals(3L, committed.get(new TopicPartition(in, 0)).offset(), "the offsets were committed with the output");
    }
}
