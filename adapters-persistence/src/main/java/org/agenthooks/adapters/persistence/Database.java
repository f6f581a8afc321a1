package org.agenthooks.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;

/**
 * The open database: a Hikari connection pool, its schema migrated by Flyway to the newest version, and the
 * Helidon DbClient the repositories run their statements through. Closing it closes the pool.
 */
public final class Database implements AutoCloseable {
    private final DbClient client;

    private Database(DbClient client) {
        this.client = client;
    }

    /** Connects, migrates the schema, and fails here rather than at the first request if either goes wrong. */
    public static Database open(DatabaseSettings settings) {
        Dialect dialect = Dialect.of(settings.url());
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new Database(JdbcClientBuilder.create()
                    .connectionPool(new HikariConnectionPool(dataSource, dialect.dbType()))
                    .build());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** What the {@code Jdbc...Repository} classes are built on. */
    public DbClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("webhooks-db");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        return config;
    }
}
