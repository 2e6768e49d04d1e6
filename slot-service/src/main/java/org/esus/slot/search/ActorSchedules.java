package org.esus.slot.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.esus.common.search.ReferenceValue;

/**
 * Resolves the chained {@code schedule.actor} parameter to Schedule ids before the Slot query
 * runs (one GIN index lookup per group). The Slot query then filters on schedule_id, which its
 * composite index serves in start order; a join or IN-subquery would let the planner walk all
 * slots in start order instead.
 */
final class ActorSchedules {

    private ActorSchedules() {
    }

    static List<UUID[]> resolve(Connection connection, List<List<ReferenceValue>> groups) throws SQLException {
        List<UUID[]> resolved = new ArrayList<>(groups.size());
        for (List<ReferenceValue> group : groups) {
            resolved.add(schedulesOf(connection, group));
        }
        return resolved;
    }

    private static UUID[] schedulesOf(Connection connection, List<ReferenceValue> group) throws SQLException {
        String[] typed = group.stream().filter(r -> r.type() != null).map(ReferenceValue::asReference).toArray(String[]::new);
        String[] bare = group.stream().filter(r -> r.type() == null).map(ReferenceValue::id).toArray(String[]::new);
        // A bare id matches an actor of any type with that id.
        String sql = "SELECT id FROM schedule WHERE NOT deleted AND (actors && ?::text[]"
                + " OR EXISTS (SELECT 1 FROM unnest(actors) a WHERE split_part(a, '/', 2) = ANY (?::text[])))";
        if (bare.length == 0) {
            sql = "SELECT id FROM schedule WHERE NOT deleted AND actors && ?::text[]";
        }
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", typed));
            if (bare.length > 0) {
                statement.setArray(2, connection.createArrayOf("text", bare));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getObject(1, UUID.class));
                }
            }
        }
        return ids.toArray(UUID[]::new);
    }
}
