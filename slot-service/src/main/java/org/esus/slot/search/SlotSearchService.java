package org.esus.slot.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.SlotSearch;
import org.esus.common.search.SlotSearchParser;
import org.esus.common.search.SortOrder;

/**
 * GET /Slot: parses the request with the shared grammar, runs it as one keyset query on
 * PostgreSQL and answers a searchset Bundle. The seed polls ("next 10 free slots of a
 * practitioner", "nearest free slot after a date") are index range scans that stop after
 * {@code _count + 1} rows.
 */
@ApplicationScoped
public class SlotSearchService {

    @Inject
    AgroalDataSource dataSource;

    public String search(UriInfo uri, String prefer) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        SlotSearch search = SlotSearchParser.parseSearch(parameters);
        List<String> warnings = new ArrayList<>();
        if (!search.unknownParameters().isEmpty()) {
            String message = "Unknown search parameters were ignored: " + String.join(", ", search.unknownParameters());
            if (PreferHeader.strict(prefer)) {
                throw FhirError.invalid("Unknown search parameters: " + String.join(", ", search.unknownParameters()));
            }
            warnings.add(message);
        }
        SearchPage page = run(search, warnings);
        String base = uri.getBaseUri().toString();
        String rawQuery = uri.getRequestUri().getRawQuery();
        String self = base + "Slot" + (rawQuery == null ? "" : "?" + rawQuery);
        String next = page.nextCursor() == null ? null
                : base + "Slot?" + QueryStrings.without(parameters, "_cursor") + "_cursor=" + page.nextCursor();
        return SearchBundleWriter.write(page, base, self, next);
    }

    SearchPage run(SlotSearch search, List<String> warnings) {
        Cursor after = search.cursor() == null ? null : Cursor.decode(search.cursor(), search.sort());
        try (Connection connection = dataSource.getConnection()) {
            List<UUID[]> actorSchedules = ActorSchedules.resolve(connection, search.criteria().actors());
            Long total = search.totalAccurate() || search.count() == 0
                    ? count(connection, search.criteria(), actorSchedules) : null;
            if (search.count() == 0) {
                return new SearchPage(List.of(), List.of(), total, null, warnings);
            }
            List<SlotRow> rows = select(connection, search, actorSchedules, after);
            boolean more = rows.size() > search.count();
            if (more) {
                rows = rows.subList(0, search.count());
            }
            if (total == null && after == null && !more) {
                total = (long) rows.size(); // the whole result is on this page: the total is free
            }
            String nextCursor = more ? cursorAfter(search.sort(), rows.get(rows.size() - 1)) : null;
            List<SearchPage.Row> includes = search.includeSchedule() ? schedules(connection, rows) : List.of();
            List<SearchPage.Row> matches = rows.stream().map(r -> new SearchPage.Row("Slot", r.id.toString(), r.json)).toList();
            return new SearchPage(matches, includes, total, nextCursor, warnings);
        } catch (SQLException e) {
            throw new IllegalStateException("Slot search failed", e);
        }
    }

    private static long count(Connection connection, SlotCriteria criteria, List<UUID[]> actorSchedules)
            throws SQLException {
        SqlQuery query = new SqlQuery().append("SELECT count(*) FROM slot s");
        SlotSearchSql.where(criteria, actorSchedules, query);
        try (PreparedStatement statement = prepare(connection, query); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<SlotRow> select(Connection connection, SlotSearch search, List<UUID[]> actorSchedules,
            Cursor after) throws SQLException {
        SqlQuery query = new SqlQuery().append(
                "SELECT s.id, s.schedule_id, s.start_at, s.last_updated, s.resource FROM slot s");
        SlotSearchSql.where(search.criteria(), actorSchedules, query);
        SortColumns.keysetAfter(search.sort(), after, query);
        query.append(SortColumns.orderBy(search.sort())).append(" LIMIT ?", search.count() + 1);
        List<SlotRow> rows = new ArrayList<>(search.count() + 1);
        try (PreparedStatement statement = prepare(connection, query); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new SlotRow(result.getObject(1, UUID.class), result.getObject(2, UUID.class),
                        result.getObject(3, OffsetDateTime.class), result.getObject(4, OffsetDateTime.class),
                        result.getString(5)));
            }
        }
        return rows;
    }

    private static List<SearchPage.Row> schedules(Connection connection, List<SlotRow> rows) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.scheduleId));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<SearchPage.Row> schedules = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, resource FROM schedule WHERE id = ANY (?) AND NOT deleted ORDER BY id")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    schedules.add(new SearchPage.Row("Schedule", result.getString(1), result.getString(2)));
                }
            }
        }
        return schedules;
    }

    private static String cursorAfter(SortOrder sort, SlotRow last) {
        OffsetDateTime key = switch (sort) {
            case START_ASC, START_DESC -> last.start;
            case LAST_UPDATED_ASC, LAST_UPDATED_DESC -> last.lastUpdated;
            case ID -> null;
        };
        return new Cursor(sort, key == null ? null : key.toInstant(), last.id).encode();
    }

    static PreparedStatement prepare(Connection connection, SqlQuery query) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(query.sql());
        int index = 1;
        for (Object parameter : query.parameters()) {
            if (parameter instanceof Object[] array) {
                String type = array instanceof UUID[] ? "uuid" : "text";
                statement.setArray(index++, connection.createArrayOf(type, array));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return statement;
    }

    private record SlotRow(UUID id, UUID scheduleId, OffsetDateTime start, OffsetDateTime lastUpdated, String json) {
    }
}
