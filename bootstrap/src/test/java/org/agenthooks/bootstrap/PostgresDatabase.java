package org.agenthooks.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database {@code webhooks_<random>} on the machine's PostgreSQL (127.0.0.1:5432, user {@code postgres},
 * trust auth) for one test, dropped on close. An unreachable server skips the test, except under {@code CI=true},
 * where it fails it: CI must not pass by running nothing.
 */
final class PostgresDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    static PostgresDatabase create() {
        String name =
                "webhooks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            execute(SERVER + "postgres", "CREATE DATABASE " + name);
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs PostgreSQL at " + SERVER, unreachable);
            }
            Assumptions.abort("PostgreSQL at " + SERVER + " is not reachable: " + unreachable.getMessage());
        }
        return new PostgresDatabase(name);
    }

    String url() {
        return SERVER + name;
    }

    /** The service's settings for this database, as environment variables. */
    Map<String, String> environment() {
        return Map.of("DB_CONNECTION_URL", url(), "DB_CONNECTION_USERNAME", USER);
    }

    /** The first column of the first row of {@code sql}, e.g. a count. */
    long number(String sql) {
        return number(url(), sql);
    }

    static long number(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url + "?connectTimeout=5", USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** Ends every session still on the database (a killed service's), then drops it. */
    @Override
    public void close() throws SQLException {
        execute(
                SERVER + "postgres",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
        execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + "?connectTimeout=5", USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
