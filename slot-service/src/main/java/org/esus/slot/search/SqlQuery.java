package org.esus.slot.search;

import java.util.ArrayList;
import java.util.List;

/** SQL text with its positional parameters, built up clause by clause. */
final class SqlQuery {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlQuery append(String text, Object... values) {
        sql.append(text);
        parameters.addAll(List.of(values));
        return this;
    }

    String sql() {
        return sql.toString();
    }

    List<Object> parameters() {
        return parameters;
    }
}
