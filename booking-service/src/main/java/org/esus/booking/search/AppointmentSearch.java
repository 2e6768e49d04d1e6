package org.esus.booking.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.esus.common.search.bundle.SearchBundleWriter;
import org.esus.common.search.bundle.SearchLinks;
import org.esus.common.search.bundle.SearchPage;
import org.esus.common.search.bundle.UnknownParameters;
import org.esus.common.search.sql.KeysetCursor;
import org.esus.common.search.sql.KeysetOrder;
import org.esus.common.search.sql.KeysetPage;
import org.esus.common.search.sql.SqlQuery;

/**
 * GET /Appointment (CONTRACT section 4): parses the request, runs it as one keyset query on
 * PostgreSQL and answers a searchset Bundle around the stored JSON, the way Slot search does.
 */
@ApplicationScoped
public class AppointmentSearch {

    @Inject
    AgroalDataSource dataSource;

    public String search(UriInfo uri, String prefer) {
        AppointmentSearchRequest search = AppointmentSearchParser.parse(uri.getQueryParameters());
        List<String> warnings = UnknownParameters.warnings(search.unknownParameters(), prefer);
        KeysetCursor after = search.paging().cursor() == null ? null : KeysetCursor.decode(search.paging().cursor(), search.sort().name());
        KeysetPage<AppointmentRow> page;
        try (Connection connection = dataSource.getConnection()) {
            page = KeysetPage.read(search.paging().count(), search.paging().totalAccurate(), after == null,
                    () -> count(connection, search.criteria()),
                    limit -> select(connection, search, after, limit),
                    search.sort()::cursorAfter);
        } catch (SQLException e) {
            throw new IllegalStateException("Appointment search failed", e);
        }
        List<SearchPage.Row> matches = page.rows().stream()
                .map(row -> new SearchPage.Row("Appointment", row.id().toString(), row.json())).toList();
        SearchPage result = new SearchPage(matches, List.of(), page.total(), page.nextCursor(), warnings);
        return SearchBundleWriter.write(result, SearchLinks.of(uri, "Appointment", page.nextCursor()));
    }

    private static long count(Connection connection, AppointmentCriteria criteria) throws SQLException {
        SqlQuery query = new SqlQuery().append("SELECT count(*) FROM appointment a");
        AppointmentSearchSql.where(criteria, query);
        return query.queryForLong(connection);
    }

    private static List<AppointmentRow> select(Connection connection, AppointmentSearchRequest search,
            KeysetCursor after, int limit) throws SQLException {
        SqlQuery query = new SqlQuery().append("SELECT a.id, a.start_at, a.last_updated, a.resource FROM appointment a");
        AppointmentSearchSql.where(search.criteria(), query);
        KeysetOrder order = search.sort().order();
        order.appendAfter(after, query);
        query.append(order.orderBy()).append(" LIMIT ?", limit);
        List<AppointmentRow> rows = new ArrayList<>(limit);
        try (PreparedStatement statement = query.prepare(connection); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                OffsetDateTime start = result.getObject(2, OffsetDateTime.class);
                rows.add(new AppointmentRow(result.getObject(1, UUID.class), start == null ? null : start.toInstant(),
                        result.getObject(3, OffsetDateTime.class).toInstant(), result.getString(4)));
            }
        }
        return rows;
    }
}
