package org.esus.testsupport.badinput;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A fingerprint of what a service has stored: one SQL row of numbers (counts, sums of versions,
 * the highest outbox sequence). Equal before and after a request means the request stored and
 * queued for publishing nothing (a transactional outbox publishes only what it holds).
 */
public final class StoredState {

    private final DataSource dataSource;
    private final String sql;

    public StoredState(DataSource dataSource, String sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    public List<Long> read() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            if (!row.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                values.add(row.getLong(i));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored state: " + e.getMessage(), e);
        }
    }
}
