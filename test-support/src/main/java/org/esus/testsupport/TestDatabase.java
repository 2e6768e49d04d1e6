package org.esus.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a fresh database on the real PostgreSQL at 127.0.0.1:5432 for one test JVM. The role
 * comes from {@code ESUS_TEST_DB_USER}/{@code ESUS_TEST_DB_PASSWORD} (default esus/esus, which
 * {@code ./esus test} ensures exists with CREATEDB).
 */
public final class TestDatabase {

    public static final String SERVER_URL =
            env("ESUS_TEST_DB_SERVER", "jdbc:postgresql://127.0.0.1:5432");
    public static final String USER = env("ESUS_TEST_DB_USER", "esus");
    public static final String PASSWORD = env("ESUS_TEST_DB_PASSWORD", "esus");

    private TestDatabase() {
    }

    /** Drops and recreates {@code name}; returns its JDBC URL. */
    public static String recreate(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(SERVER_URL + "/postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER_URL + " is not usable as " + USER
                    + " (run ./esus test, which prepares it): " + e.getMessage(), e);
        }
        return SERVER_URL + "/" + name;
    }

    /** Drops {@code name} if it exists; a failure only leaves a database behind. */
    public static void drop(String name) {
        try (Connection c = DriverManager.getConnection(SERVER_URL + "/postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
