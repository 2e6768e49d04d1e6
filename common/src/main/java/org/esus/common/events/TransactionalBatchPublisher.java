package org.esus.common.events;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Publishes a batch of records as one Kafka transaction: read_committed consumers see all of them
 * or none. The outbox relays need this for invariant 3 (events in order per key). With a plain
 * idempotent producer, a record whose delivery timed out while the broker was away can be dropped
 * while later records of the same key still get written; the relay's retry then publishes it
 * after them, out of order. In a transaction the failed batch is aborted as a whole and the retry
 * sends it again, in order.
 *
 * <p>The producer is created (and its transactions initialised) on first use, so a service starts
 * while the broker is down; after an error it cannot recover from, it is dropped and made again.
 * A service's replicas share the transactional id: the relay that holds the outbox lock fences a
 * former holder that is still sending, so a zombie relay cannot interleave an older batch.
 */
public final class TransactionalBatchPublisher implements AutoCloseable {

    private final Properties config;
    private final Function<Properties, Producer<String, String>> factory;
    private Producer<String, String> producer;

    /** {@code config}: the settings of {@link EventProducers#idempotent} plus the caller's own. */
    public TransactionalBatchPublisher(Properties config, String transactionalId) {
        this(config, transactionalId, KafkaProducer::new);
    }

    TransactionalBatchPublisher(Properties config, String transactionalId,
            Function<Properties, Producer<String, String>> factory) {
        this.config = new Properties();
        this.config.putAll(config);
        this.config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        this.factory = factory;
    }

    /** Returns once the broker has committed every record; throws (nothing visible) otherwise. */
    public void publish(List<ProducerRecord<String, String>> records) {
        inTransaction(transaction -> records.forEach(transaction::send));
    }

    /**
     * Runs {@code work} (sends, and for a consume-process-produce loop its consumed offsets) in one
     * transaction and commits it; aborts it, nothing visible, when anything fails.
     */
    public synchronized void inTransaction(Consumer<Producer<String, String>> work) {
        Producer<String, String> current = producer();
        try {
            current.beginTransaction();
            work.accept(current);
            current.commitTransaction(); // flushes; fails when any send failed
        } catch (RuntimeException e) {
            abortOrDiscard(current, e);
            throw e;
        }
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Producer<String, String> created = factory.apply(config);
            try {
                created.initTransactions(); // also aborts what a former holder of the id left open
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void abortOrDiscard(Producer<String, String> failed, RuntimeException cause) {
        if (cause instanceof KafkaException && !fatal(cause)) {
            try {
                failed.abortTransaction();
                return;
            } catch (RuntimeException abortFailed) {
                // e.g. the broker is still away: a new producer's initTransactions aborts it instead
            }
        }
        producer = null;
        failed.close(Duration.ZERO);
    }

    /** Errors after which this producer can do nothing more (Kafka's producer documentation). */
    private static boolean fatal(RuntimeException e) {
        return e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof OutOfOrderSequenceException || e instanceof AuthorizationException
                || e instanceof UnsupportedVersionException;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
