package org.esus.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the outbox relays rely on: a batch is one transaction, committed whole or aborted whole. */
class TransactionalBatchPublisherTest {

    private final List<MockProducer<String, String>> created = new ArrayList<>();
    private final List<Properties> configs = new ArrayList<>();
    /** Thrown by initTransactions of the first producer made, when set (a broker away at first use). */
    private RuntimeException firstInitFails;

    private TransactionalBatchPublisher publisher() {
        return new TransactionalBatchPublisher(EventProducers.idempotent("unused:9092", "test", 0), "relay-1", config -> {
            configs.add(config);
            MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
            if (created.isEmpty()) {
                producer.initTransactionException = firstInitFails;
            }
            created.add(producer);
            return producer;
        });
    }

    private static List<ProducerRecord<String, String>> batch(String... values) {
        return Arrays.stream(values).map(v -> new ProducerRecord<>("esus.slot.events", "slot-1", v)).toList();
    }

    private static List<String> values(MockProducer<String, String> producer) {
        return producer.history().stream().map(ProducerRecord::value).toList();
    }

    @Test
    void aBatchIsCommittedAsOneTransactionUnderTheGivenId() {
        publisher().publish(batch("v1", "v2", "v3"));
        MockProducer<String, String> producer = created.get(0);
        assertTrue(producer.transactionInitialized());
        assertTrue(producer.transactionCommitted());
        assertEquals(List.of("v1", "v2", "v3"), values(producer));
        assertEquals("relay-1", configs.get(0).get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }

    @Test
    void aFailedCommitAbortsTheWholeBatchAndTheRetryUsesTheSameProducer() {
        TransactionalBatchPublisher publisher = publisher();
        publisher.publish(batch("v1"));
        MockProducer<String, String> producer = created.get(0);
        producer.commitTransactionException = new KafkaException("a send of the batch failed");
        assertThrows(KafkaException.class, () -> publisher.publish(batch("v2", "v3")));
        assertTrue(producer.transactionAborted(), "nothing of the failed batch becomes visible");
        assertEquals(List.of("v1"), values(producer));

        producer.commitTransactionException = null;
        publisher.publish(batch("v2", "v3"));
        assertEquals(1, created.size());
        assertEquals(List.of("v1", "v2", "v3"), values(producer));
    }

    @Test
    void aFencedProducerIsClosedAndReplacedOnTheNextBatch() {
        TransactionalBatchPublisher publisher = publisher();
        publisher.publish(batch("v1"));
        created.get(0).commitTransactionException = new ProducerFencedException("another relay took the id");
        assertThrows(ProducerFencedException.class, () -> publisher.publish(batch("v2")));
        assertTrue(created.get(0).closed());

        publisher.publish(batch("v2"));
        assertEquals(2, created.size(), "a new producer, whose initTransactions fences the old epoch");
        assertTrue(created.get(1).transactionCommitted());
    }

    @Test
    void aBrokerThatCannotBeReachedAtFirstUseLeavesNoProducerBehind() {
        firstInitFails = new TimeoutException("no broker");
        TransactionalBatchPublisher publisher = publisher();
        assertThrows(TimeoutException.class, () -> publisher.publish(batch("v1")));
        assertTrue(created.get(0).closed());
        publisher.publish(batch("v1"));
        assertFalse(created.get(1).closed());
        assertTrue(created.get(1).transactionCommitted());
    }
}
