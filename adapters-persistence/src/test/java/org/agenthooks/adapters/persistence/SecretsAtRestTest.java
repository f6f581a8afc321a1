package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Webhook secrets never reach the database in the clear: the raw H2 file and the raw PostgreSQL rows hold none of
 * them; a database from before sealing has its plaintext secrets sealed; a master-key change seals them again.
 */
class SecretsAtRestTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String NAME = "Raw-scan marker name 7f3a";
    private static final MasterKey OLD = MasterKey.generate();
    private static final MasterKey NEW = MasterKey.generate();

    @Test
    void the_h2_files_bytes_hold_no_webhook_secret() throws IOException {
        TestDatabase kind = TestDatabase.h2();
        DatabaseSettings settings = kind.create();
        try {
            List<String> secrets;
            try (Database database = Database.open(settings)) {
                secrets = storeWebhooksWithKnownSecrets(database);
            }
            byte[] file = Files.readAllBytes(Path.of(settings.url().substring("jdbc:h2:file:".length()) + ".mv.db"));
            String bytes = new String(file, StandardCharsets.ISO_8859_1);

            assertThat(bytes).as("the scan sees stored text").contains(NAME);
            for (String secret : secrets) {
                assertThat(bytes).doesNotContain(secret);
            }
        } finally {
            kind.drop();
        }
    }

    @Test
    void the_postgresql_rows_hold_no_webhook_secret() {
        onFreshDatabase(TestDatabase.postgresql(), settings -> {
            try (Database database = Database.open(settings)) {
                List<String> secrets = storeWebhooksWithKnownSecrets(database);
                String rows = String.join("\n", rawWebhookRows(settings));

                assertThat(rows).as("the scan sees stored text").contains(NAME).contains("v1:" + NEW.id() + ":");
                for (String secret : secrets) {
                    assertThat(rows).doesNotContain(secret);
                }
            }
        });
    }

    @Test
    void plaintext_secrets_of_a_database_from_before_sealing_are_sealed_and_read_the_same_on_h2() {
        plaintextSecretsAreSealed(TestDatabase.h2());
    }

    @Test
    void plaintext_secrets_of_a_database_from_before_sealing_are_sealed_and_read_the_same_on_postgresql() {
        plaintextSecretsAreSealed(TestDatabase.postgresql());
    }

    @Test
    void a_master_key_change_seals_every_secret_again_under_the_new_key_on_h2() {
        masterKeyChange(TestDatabase.h2());
    }

    @Test
    void a_master_key_change_seals_every_secret_again_under_the_new_key_on_postgresql() {
        masterKeyChange(TestDatabase.postgresql());
    }

    private static void plaintextSecretsAreSealed(TestDatabase kind) {
        onFreshDatabase(kind, settings -> {
            String plaintext = "your-signing-secret";
            migrateTo("3", settings);
            execute(
                    settings,
                    "INSERT INTO workspaces (workspace_id, name, created_at) VALUES ('org_oldSchema0000001', 'Old', ?)",
                    "INSERT INTO agents (workspace_id, agent_id, name, created_at)"
                            + " VALUES ('org_oldSchema0000001', 'D5D0p7TUs66TTAEAx', 'Agent', ?)",
                    "INSERT INTO webhooks (webhook_id, workspace_id, agent_id, name, url, secret, events, active,"
                            + " created_at, updated_at) VALUES ('wh_oldSchemaWebhook', 'org_oldSchema0000001',"
                            + " 'D5D0p7TUs66TTAEAx', 'Old', 'https://example.com/hook', '" + plaintext
                            + "', 'conversation_ended', TRUE, ?, ?)");
            try (Database database = Database.open(settings)) {
                SecretSealer sealer = new SecretSealer(NEW, List.of());

                assertThat(new WebhookSecretResealer(database.client(), sealer).sealPlaintext())
                        .isEqualTo(1);

                assertThat(String.join("\n", rawWebhookRows(settings)))
                        .doesNotContain(plaintext)
                        .contains("v1:" + NEW.id() + ":");
                Webhook read = new JdbcWebhookRepository(database.client(), sealer)
                        .find(new WorkspaceId("org_oldSchema0000001"), new WebhookId("wh_oldSchemaWebhook"))
                        .orElseThrow();
                assertThat(read.secret()).isEqualTo(Secret.of(plaintext));
                assertThat(new WebhookSecretResealer(database.client(), sealer).sealPlaintext())
                        .as("a second start finds nothing left to seal")
                        .isZero();
            }
        });
    }

    private static void masterKeyChange(TestDatabase kind) {
        onFreshDatabase(kind, settings -> {
            try (Database database = Database.open(settings)) {
                SecretSealer oldSealer = new SecretSealer(OLD, List.of());
                Webhook rotated = storeWebhook(database, oldSealer)
                        .rotateSecret(Secret.generate(), Duration.ofHours(1), NOW.plusSeconds(1));
                new JdbcWebhookRepository(database.client(), oldSealer).update(rotated);
                Webhook plain = storeWebhook(database, oldSealer);
                SecretSealer changing = new SecretSealer(NEW, List.of(OLD));

                assertThat(new WebhookSecretResealer(database.client(), changing).resealUnderCurrentKey())
                        .isEqualTo(2);

                String rows = String.join("\n", rawWebhookRows(settings));
                assertThat(rows).doesNotContain("v1:" + OLD.id()).contains("v1:" + NEW.id());
                JdbcWebhookRepository newKeyOnly =
                        new JdbcWebhookRepository(database.client(), new SecretSealer(NEW, List.of()));
                assertThat(newKeyOnly.find(rotated.workspaceId(), rotated.id())).contains(rotated);
                assertThat(newKeyOnly.find(plain.workspaceId(), plain.id())).contains(plain);
                assertThat(new WebhookSecretResealer(database.client(), changing).resealUnderCurrentKey())
                        .isZero();
            }
        });
    }

    /** Three webhooks, one in a rotation's overlap; the secrets they hold, current and previous. */
    private static List<String> storeWebhooksWithKnownSecrets(Database database) {
        SecretSealer sealer = new SecretSealer(NEW, List.of());
        List<String> secrets = new ArrayList<>();
        Webhook raw = storeWebhook(database, sealer, Secret.of("raw-known-secret-4711-abcdef"));
        Webhook standard = storeWebhook(database, sealer, Secret.generate());
        Webhook rotated = storeWebhook(database, sealer, Secret.generate());
        Webhook overlapping = rotated.rotateSecret(Secret.generate(), Duration.ofHours(24), NOW.plusSeconds(5));
        new JdbcWebhookRepository(database.client(), sealer).update(overlapping);
        for (Webhook webhook : List.of(raw, standard, rotated, overlapping)) {
            secrets.add(webhook.secret().reveal());
            // A whsec_ secret's base64 part alone must not show either.
            secrets.add(webhook.secret().reveal().replace(Secret.STANDARD_PREFIX, ""));
        }
        return secrets;
    }

    private static Webhook storeWebhook(Database database, SecretSealer sealer) {
        return storeWebhook(database, sealer, Secret.generate());
    }

    private static Webhook storeWebhook(Database database, SecretSealer sealer, Secret secret) {
        WorkspaceId workspaceId = WorkspaceId.random();
        new JdbcWorkspaceRepository(database.client()).add(new Workspace(workspaceId, "Secrets at rest", NOW));
        AgentId agentId = AgentId.random();
        new JdbcAgentRepository(database.client()).add(new Agent(agentId, workspaceId, "Agent", NOW));
        Webhook webhook = Webhook.register(
                workspaceId,
                new WebhookDefinition(
                        new WebhookName(NAME),
                        new WebhookUrl("https://example.com/hook"),
                        agentId,
                        secret,
                        Subscriptions.of(EventType.CONVERSATION_ENDED),
                        true),
                NOW);
        new JdbcWebhookRepository(database.client(), sealer).add(webhook);
        return webhook;
    }

    private static void onFreshDatabase(TestDatabase kind, Consumer<DatabaseSettings> test) {
        DatabaseSettings settings = kind.create();
        try {
            test.accept(settings);
        } finally {
            kind.drop();
        }
    }

    private static void migrateTo(String version, DatabaseSettings settings) {
        Flyway.configure(SecretsAtRestTest.class.getClassLoader())
                .dataSource(Database.jdbcUrl(settings.url()), settings.username(), settings.password())
                .locations(Dialect.of(settings.url()).migrations())
                .target(version)
                .load()
                .migrate();
    }

    /** Each statement with every {@code ?} bound to {@link #NOW}. */
    private static void execute(DatabaseSettings settings, String... statements) {
        try (Connection connection = connect(settings)) {
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                        statement.setObject(i, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
                    }
                    statement.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of every webhook row, as the database hands it out as text. */
    private static List<String> rawWebhookRows(DatabaseSettings settings) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM webhooks")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(result.getString(column)).append(' ');
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(Database.jdbcUrl(settings.url()), settings.username(), settings.password());
    }
}
