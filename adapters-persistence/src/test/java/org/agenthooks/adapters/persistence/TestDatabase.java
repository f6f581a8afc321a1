package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.Repositories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A fresh, migrated database for one test class: H2 in a temporary file, or a new schema on the PostgreSQL server
 * at 127.0.0.1:5432 ({@code postgres}, trust auth, database {@code test}). An unreachable PostgreSQL skips the
 * class's tests, except under {@code CI=true}, where it fails the class.
 */
abstract sealed class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    /** The master key the tests seal secrets under. */
    static final MasterKey MASTER_KEY = MasterKey.fromBase64("dGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmchISE=");

    static final SecretSealer SEALER = new SecretSealer(MASTER_KEY, List.of());

    private Database database;
    private JdbcEventRepository events;
    private TestAbortedException unavailable;

    static TestDatabase h2() {
        return new H2();
    }

    static TestDatabase postgresql() {
        return new PostgreSql();
    }

    abstract DatabaseSettings create();

    abstract void drop();

    Repositories repositories() {
        DbClient client = database.client();
        return new Repositories(
                new JdbcWorkspaceRepository(client),
                new JdbcAgentRepository(client),
                new JdbcApiKeyRepository(client),
                new JdbcWebhookRepository(client, SEALER));
    }

    /** The event and delivery repositories of this class's database, over the same store as its repositories. */
    EventAndDeliveryRepositories eventsAndDeliveries() {
        return new EventAndDeliveryRepositories(
                repositories(),
                events,
                new JdbcDeliveryRepository(database, SEALER, EventAndDeliveryRepositories.ORDER_HOLD));
    }

    /** The one event repository of this class's database: its committer thread lives until the class is done. */
    JdbcEventRepository events() {
        return events;
    }

    Database database() {
        return database;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            database = Database.open(create());
            events = new JdbcEventRepository(database);
        } catch (TestAbortedException e) {
            unavailable = e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Skipping test by test, not the class at once, so the report counts what did not run.
        if (unavailable != null) {
            Assumptions.abort(unavailable.getMessage());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            events.close();
            database.close();
            drop();
        }
    }

    private static final class H2 extends TestDatabase {
        private Path directory;

        @Override
        DatabaseSettings create() {
            try {
                directory = Files.createTempDirectory("webhooks-h2-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new DatabaseSettings("jdbc:h2:file:" + directory.resolve("webhooks"), "sa", "", 4);
        }

        @Override
        void drop() {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class PostgreSql extends TestDatabase {
        private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
        private static final String USER = "postgres";

        private final String schema = "contract_" + UUID.randomUUID().toString().replace("-", "");

        @Override
        DatabaseSettings create() {
            try {
                execute("CREATE SCHEMA " + schema);
            } catch (SQLException unreachable) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true needs PostgreSQL at " + SERVER, unreachable);
                }
                Assumptions.abort("PostgreSQL at " + SERVER + " is not reachable: " + unreachable.getMessage());
            }
            return new DatabaseSettings(SERVER + "?currentSchema=" + schema, USER, "", 4);
        }

        @Override
        void drop() {
            try {
                execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + schema, e);
            }
        }

        private static void execute(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=5", USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
