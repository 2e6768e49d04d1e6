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
import java.util.Set;
import java.util.UUID;
import org.esus.common.search.SlotCriteria;
import org.esus.common.search.SlotSearch;
import org.esus.common.search.SlotSearchParser;
import org.esus.common.search.SortOrder;
import org.esus.common.search.bundle.SearchBundleWriter;
import org.esus.common.search.bundle.SearchLinks;
import org.esus.common.search.bundle.SearchPage;
import org.esus.common.search.bundle.UnknownParameters;
import org.esus.common.search.sql.KeysetCursor;
import org.esus.common.search.sql.KeysetOrder;
import org.esus.common.search.sql.KeysetPage;
import org.esus.common.search.sql.SqlQuery;

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
        SlotSearch search = SlotSearchParser.parseSearch(uri.getQueryParameters());
        List<String> warnings = UnknownParameters.warnings(search.unknownParameters(), prefer);
        SearchPage page = run(search, warnings);
        return SearchBundleWriter.write(page, SearchLinks.of(uri, "Slot", page.nextCursor()));
    }

    SearchPage run(SlotSearch search, List<String> warnings) {
        KeysetCursor after = search.cursor() == null ? null : KeysetCursor.decode(search.cursor(), search.sort().name());
        try (Connection connection = dataSource.getConnection()) {
            List<UUID[]> actorSchedules = ActorSchedules.resolve(connection, search.criteria().actors());
            KeysetPage<SlotRow> page = KeysetPage.read(search.count(), search.totalAccurate(), after == null,
                    () -> count(connection, search.criteria(), actorSchedules),
                    limit -> select(connection, search, actorSchedules, after, limit),
                    last -> cursorAfter(search.sort(), last));
            List<SearchPage.Row> includes = search.includeSchedule() ? schedules(connection, page.rows()) : List.of();
            List<SearchPage.Row> matches = page.rows().stream()
                    .map(r -> new SearchPage.Row("Slot", r.id.toString(), r.json)).toList();
            return new SearchPage(matches, includes, page.total(), page.nextCursor(), warnings);
        } catch (SQLException e) {
            throw new IllegalStateException("Slot search failed", e);
        }
    }

    private static long count(Connection connection, SlotCriteria criteria, List<UUID[]> actorSchedules)
            throws SQLException {
        SqlQuery query = new SqlQuery().append("SELECT count(*) FROM slot s");
        SlotSearchSql.where(criteria, actorSchedules, query);
        return query.queryForLong(connection);
    }

    private static List<SlotRow> select(Connection connection, SlotSearch search, List<UUID[]> actorSchedules,
            KeysetCursor after, int limit) throws SQLException {
        SqlQuery query = new SqlQuery().append(
                "SELECT s.id, s.schedule_id, s.start_at, s.last_updated, s.resource FROM slot s");
        SlotSearchSql.where(search.criteria(), actorSchedules, query);
        KeysetOrder order = SortColumns.of(search.sort());
        order.appendAfter(after, query);
        query.append(order.orderBy()).append(" LIMIT ?", limit);
        List<SlotRow> rows = new ArrayList<>(limit);
        try (PreparedStatement statement = query.prepare(connection); ResultSet result = statement.executeQuery()) {
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
        OffsetDateTime key = sort == SortOrder.LAST_UPDATED_ASC || sort == SortOrder.LAST_UPDATED_DESC
                ? last.lastUpdated : last.start;
        return SortColumns.of(sort).cursorAfter(sort.name(), key.toInstant(), last.id).encode();
    }

    private record SlotRow(UUID id, UUID scheduleId, OffsetDateTime start, OffsetDateTime lastUpdated, String json) {
    }
}
