package org.esus.dispatch.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The {@link PartitionProgress} of every partition assigned to this replica. */
final class OffsetTracker {

    private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();

    PartitionProgress assign(TopicPartition partition) {
        return partitions.computeIfAbsent(partition, p -> new PartitionProgress());
    }

    /** Stops tracking the partitions and returns what of them is finished and not yet committed. */
    Map<TopicPartition, OffsetAndMetadata> revoke(Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
        for (TopicPartition partition : revoked) {
            PartitionProgress progress = partitions.remove(partition);
            if (progress != null) {
                progress.revoke();
                long offset = progress.advance();
                if (offset >= 0) {
                    finished.put(partition, new OffsetAndMetadata(offset));
                }
            }
        }
        return finished;
    }

    /** The offsets that moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, progress) -> {
            long offset = progress.advance();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    int buffered(TopicPartition partition) {
        PartitionProgress progress = partitions.get(partition);
        return progress == null ? 0 : progress.buffered();
    }

    int buffered() {
        return partitions.values().stream().mapToInt(PartitionProgress::buffered).sum();
    }
}
