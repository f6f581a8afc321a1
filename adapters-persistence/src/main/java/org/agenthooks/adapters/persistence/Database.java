package org.agenthooks.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.flywaydb.core.Flyway;

/**
 * The open database: a Hikari connection pool, its schema migrated by Flyway to the newest version, and the
 * Helidon DbClient the repositories run their statements through. Closing it closes the pool.
 */
public final class Database implements AutoCloseable {
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    /**
     * Settings H2 gets unless the URL names them. {@code DB_CLOSE_ON_EXIT=FALSE}: H2 closes its databases from a
     * JVM shutdown hook of its own, which races ours, so a graceful stop could not store its last attempts or hand
     * back its leases; we close the database ourselves, last. {@code PAGE_SIZE=16384}: B-tree pages split at 16 KiB
     * instead of 4 KiB, which gave the bench a higher sustained delivery rate with a commit per group of ingests
     * (docs/performance.md).
     */
    private static final List<String> H2_DEFAULTS = List.of("DB_CLOSE_ON_EXIT=FALSE", "PAGE_SIZE=16384");

    private final DbClient client;
    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Optional<H2CrashRecovery> recovery;
    private final String schemaVersion;

    private Database(
            DbClient client,
            HikariDataSource dataSource,
            Dialect dialect,
            Optional<H2CrashRecovery> recovery,
            String schemaVersion) {
        this.client = client;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.recovery = recovery;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Connects, migrates the schema, and fails here rather than at the first request if either goes wrong. An
     * embedded H2 file that the last process did not close is first recovered ({@link H2CrashRecovery}), and the
     * leases of that process are ended ({@link LeasesOfTheDead}).
     */
    public static Database open(DatabaseSettings settings) {
        Dialect dialect = Dialect.of(settings.url());
        Optional<H2CrashRecovery> recovery = H2CrashRecovery.of(settings.url());
        recovery.ifPresent(H2CrashRecovery::beforeOpen);
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        try {
            Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrations())
                    .failOnMissingLocations(true)
                    .load();
            flyway.migrate();
            if (LeasesOfTheDead.onlyThisProcessCanOpen(settings.url())) {
                LeasesOfTheDead.release(dataSource);
            }
            String schemaVersion = flyway.info().current().getVersion().getVersion();
            return new Database(
                    JdbcClientBuilder.create()
                            .connectionPool(new HikariConnectionPool(dataSource, dialect.dbType()))
                            .build(),
                    dataSource,
                    dialect,
                    recovery,
                    schemaVersion);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** What the {@code Jdbc...Repository} classes are built on. */
    public DbClient client() {
        return client;
    }

    /** Statements run on one connection in one transaction, written in plain JDBC. */
    @FunctionalInterface
    interface Transactional<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: committed if it returns, rolled back if it
     * throws. For what Helidon DbClient 4.5 cannot do: its statements have no JDBC batches.
     */
    <T> T inTransaction(Transactional<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database cannot be reached: " + e.getMessage(), e);
            }
            throw new DbClientException("transaction failed: " + e.getMessage(), e);
        }
    }

    /** Connection-class SQL states (08…), PostgreSQL's shutdown states (57P…), and the JDBC connection types. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08")
                || state.startsWith("57P")
                || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The version Flyway migrated the schema to when this database was opened. */
    String schemaVersion() {
        return schemaVersion;
    }

    /** A pooled connection, for the few checks that need one outside a transaction. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        client.close();
        recovery.ifPresent(H2CrashRecovery::afterClose);
    }

    /** An H2 URL with those of {@link #H2_DEFAULTS} it does not name; any other URL as it is. */
    static String jdbcUrl(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        StringBuilder withDefaults = new StringBuilder(url);
        String named = url.toUpperCase(Locale.ROOT);
        for (String setting : H2_DEFAULTS) {
            if (!named.contains(";" + setting.substring(0, setting.indexOf('=') + 1))) {
                withDefaults.append(';').append(setting);
            }
        }
        return withDefaults.toString();
    }

    static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("webhooks-db");
        config.setJdbcUrl(jdbcUrl(settings.url()));
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        // Fail fast while the database is down: requests answer 503 within this, instead of hanging 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        if (Dialect.of(settings.url()) == Dialect.POSTGRESQL) {
            // The driver sends a batch of inserts as multi-row INSERTs instead of one statement per row. A URL
            // parameter of the same name wins over this.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }
}
