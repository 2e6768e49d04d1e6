package org.esus.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.Topics;
import org.esus.system.stack.EsusStack;
import org.esus.system.stack.EsusStack.Component;
import org.esus.testsupport.TestDatabase;

/**
 * The audit after a fault, over the slots a test used, straight from where the truth is kept:
 * booking-service's and slot-service's databases and esus.slot.events. Each check returns what
 * breaks its invariant (ARCHITECTURE.md), empty when it holds.
 */
final class StackAudit {

    /** An appointment that holds its slots: booked, not cancelled. */
    private static final String ACTIVE = "a.state = 'BOOKED' AND a.status NOT IN ('cancelled', 'entered-in-error')";

    private final EsusStack stack;

    StackAudit(EsusStack stack) {
        this.stack = stack;
    }

    /** Invariant 1: slots (of the given ones) held by more than one active appointment. */
    List<String> doubleBooked(Collection<String> slotIds) throws SQLException {
        return strings(Component.BOOKING, "SELECT s.slot_id || ' x' || count(*) FROM appointment a, unnest(a.slot_ids) AS "
                + "s(slot_id) WHERE " + ACTIVE + " AND s.slot_id = ANY(?) GROUP BY s.slot_id HAVING count(*) > 1", slotIds);
    }

    /** The slots (of the given ones) an active appointment holds. */
    Set<String> heldSlots(Collection<String> slotIds) throws SQLException {
        return new HashSet<>(strings(Component.BOOKING, "SELECT DISTINCT s.slot_id FROM appointment a, unnest(a.slot_ids) AS "
                + "s(slot_id) WHERE " + ACTIVE + " AND s.slot_id = ANY(?)", slotIds));
    }

    /**
     * Invariant 2, once the claims have settled (polled up to {@code settle}): slots whose status
     * in slot-service disagrees with booking-service (busy without an active appointment, or held
     * and not busy).
     */
    List<String> statusDisagreements(Collection<String> slotIds, Duration settle) throws Exception {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            Set<String> held = heldSlots(slotIds);
            List<String> disagreeing = new ArrayList<>();
            for (String row : strings(Component.SLOT, "SELECT id::text || ' ' || status FROM slot WHERE id::text = ANY(?)",
                    slotIds)) {
                String[] idAndStatus = row.split(" ");
                if (held.contains(idAndStatus[0]) != idAndStatus[1].equals("busy")) {
                    disagreeing.add(row + (held.contains(idAndStatus[0]) ? " (held by an active appointment)" : " (held by none)"));
                }
            }
            if (disagreeing.isEmpty() || System.nanoTime() > deadline) {
                return disagreeing;
            }
            Thread.sleep(500);
        }
    }

    /** Each slot's committed version in slot-service (meta.versionId of its last change). */
    Map<String, Long> committedVersions(Collection<String> slotIds) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        for (String row : strings(Component.SLOT, "SELECT id::text || ' ' || version_id FROM slot WHERE id::text = ANY(?)",
                slotIds)) {
            String[] idAndVersion = row.split(" ");
            versions.put(idAndVersion[0], Long.parseLong(idAndVersion[1]));
        }
        return versions;
    }

    /** Every event on esus.slot.events (read committed, up to its current end) of the given slots, in topic order. */
    Map<String, List<SlotChanged>> slotEvents(Collection<String> slotIds) {
        Set<String> wanted = new HashSet<>(slotIds);
        Map<String, List<SlotChanged>> events = new HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLOT_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.contains(record.key())) {
                        events.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(EventJson.read(record.value(), SlotChanged.class));
                    }
                }
            }
        }
        return events;
    }

    /**
     * Invariant 3: every committed version of each slot (1 up to the committed one) has its event,
     * first seen in version order; an event published again after a crash must carry the first
     * one's id (consumers deduplicate on it). Returns the breaks.
     */
    List<String> missingOrDisorderedEvents(Map<String, Long> committed, Map<String, List<SlotChanged>> events) {
        List<String> breaks = new ArrayList<>();
        committed.forEach((slotId, version) -> {
            Map<Long, String> idOfVersion = new HashMap<>();
            long lastFirstSeen = 0;
            for (SlotChanged event : events.getOrDefault(slotId, List.of())) {
                String firstId = idOfVersion.putIfAbsent(event.version(), event.eventId());
                if (firstId == null) {
                    if (event.version() < lastFirstSeen) {
                        breaks.add("Slot/" + slotId + " version " + event.version() + " first published after " + lastFirstSeen);
                    }
                    lastFirstSeen = Math.max(lastFirstSeen, event.version());
                } else if (!firstId.equals(event.eventId())) {
                    breaks.add("Slot/" + slotId + " version " + event.version() + " published with two event ids");
                }
            }
            for (long v = 1; v <= version; v++) {
                if (!idOfVersion.containsKey(v)) {
                    breaks.add("Slot/" + slotId + " version " + v + " committed, no event");
                }
            }
        });
        return breaks;
    }

    /** Rows of slot-service's outbox committed and not yet published to the broker. */
    long unpublishedOutboxRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(Component.SLOT), TestDatabase.USER,
                TestDatabase.PASSWORD); ResultSet result = connection.createStatement()
                .executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> strings(Component component, String sql, Collection<String> slotIds) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(component), TestDatabase.USER,
                TestDatabase.PASSWORD); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text", slotIds.toArray()));
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
