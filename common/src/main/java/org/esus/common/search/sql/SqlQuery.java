package org.esus.common.search.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** SQL text with its positional parameters, built up clause by clause. */
public final class SqlQuery {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    public SqlQuery append(String text, Object... values) {
        sql.append(text);
        parameters.addAll(List.of(values));
        return this;
    }

    /**
     * Appends {@code AND ((a) OR (b) ...)}, where each alternative appends its own SQL and
     * parameters: the comma-separated values of one search parameter occurrence.
     */
    public <T> SqlQuery anyOf(List<T> group, Consumer<T> alternative) {
        sql.append(" AND (");
        for (int i = 0; i < group.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (");
            alternative.accept(group.get(i));
            sql.append(")");
        }
        sql.append(")");
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public List<Object> parameters() {
        return parameters;
    }

    /** Runs a query whose answer is one number, such as {@code SELECT count(*)}. */
    public long queryForLong(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** A statement with every parameter bound; Java arrays become SQL arrays (uuid[] or text[]). */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql());
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Object[] array) {
                String type = array instanceof UUID[] ? "uuid" : "text";
                statement.setArray(index++, connection.createArrayOf(type, array));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return statement;
    }
}
