package org.esus.slot.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.fhir.FhirIds;
import org.esus.common.search.ReferenceValue;
import org.esus.common.search.TokenValue;
import org.esus.common.search.bundle.SearchBundleWriter;
import org.esus.common.search.bundle.SearchLinks;
import org.esus.common.search.bundle.SearchPage;
import org.esus.common.search.sql.SqlQuery;

/**
 * GET /Schedule: {@code _id}, {@code actor}, {@code identifier} (comma = OR, repetition = AND),
 * {@code _count}, paging in id order. Schedules are few next to Slots; this is the lookup a
 * scheduler does before publishing slots, not a hot path.
 */
@ApplicationScoped
public class ScheduleSearch {

    @Inject
    AgroalDataSource dataSource;

    public String search(UriInfo uri) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        SqlQuery query = new SqlQuery().append("SELECT s.id, s.resource FROM schedule s WHERE NOT s.deleted");
        List<String> unknown = new ArrayList<>();
        int count = 20;
        UUID after = null;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                switch (parameter.getKey()) {
                    case "_id" -> query.append(" AND s.id = ANY (?::uuid[])", (Object) uuids(value));
                    case "actor" -> query.append(" AND s.actors && ?::text[]", (Object) actors(value));
                    case "identifier" -> identifier(value, query);
                    case "_count" -> count = count(value);
                    case "_cursor" -> after = cursor(value);
                    case "_format", "_pretty" -> { }
                    default -> unknown.add(parameter.getKey());
                }
            }
        }
        if (after != null) {
            query.append(" AND s.id > ?", after);
        }
        query.append(" ORDER BY s.id LIMIT ?", count + 1);
        List<SearchPage.Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = query.prepare(connection);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new SearchPage.Row("Schedule", result.getString(1), result.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Schedule search failed", e);
        }
        boolean more = rows.size() > count;
        List<SearchPage.Row> page = more ? rows.subList(0, count) : rows;
        List<String> warnings = unknown.isEmpty() ? List.of()
                : List.of("Unknown search parameters were ignored: " + String.join(", ", unknown));
        String next = more ? page.get(page.size() - 1).id() : null;
        Long total = !more && after == null ? (long) page.size() : null;
        return SearchBundleWriter.write(new SearchPage(page, List.of(), total, next, warnings),
                SearchLinks.of(uri, "Schedule", next));
    }

    private static UUID[] uuids(String value) {
        return Arrays.stream(value.split(",")).map(FhirIds::parseOrNull).filter(Objects::nonNull).toArray(UUID[]::new);
    }

    private static String[] actors(String value) {
        return Arrays.stream(value.split(",")).map(v -> {
            ReferenceValue reference = ReferenceValue.parse("actor", v);
            if (reference.type() == null) {
                throw FhirError.badValue("actor must be a typed reference such as Practitioner/{id}");
            }
            return reference.asReference();
        }).toArray(String[]::new);
    }

    /** The same token SQL as Slot identifiers: every token form, comma = OR. */
    private static void identifier(String value, SqlQuery query) {
        List<TokenValue> group = Arrays.stream(value.split(",")).map(v -> TokenValue.parse("identifier", v)).toList();
        SlotSearchSql.tokens("s.identifiers", List.of(group), query);
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1) {
                throw FhirError.badValue("_count must be at least 1 for Schedule searches");
            }
            return Math.min(count, 1000);
        } catch (NumberFormatException e) {
            throw FhirError.badValue("_count must be a whole number");
        }
    }

    private static UUID cursor(String value) {
        UUID id = FhirIds.parseOrNull(value);
        if (id == null) {
            throw FhirError.badValue("_cursor is not a cursor this server issued");
        }
        return id;
    }
}
