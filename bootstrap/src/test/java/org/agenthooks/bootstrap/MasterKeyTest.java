package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agenthooks.adapters.persistence.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the master key comes from (the demo profile's key file, made once and reused; none in production: no
 * start), and changing it with {@code admin rotate-master-key} while the service runs and delivers.
 */
class MasterKeyTest {
    private static final String AGENT = EndToEndTest.DOCS_AGENT;

    @TempDir
    Path dataDir;

    @Test
    void the_demo_profile_makes_an_owner_only_key_file_on_first_start_and_reuses_it() throws Exception {
        Path keyFile = dataDir.resolve("master.key");
        String webhook;
        try (Application first = Application.start(ServiceConfig.load(EndToEndTest.testSettings(dataDir)))) {
            webhook = new ServiceClient(first.port(), EndToEndTest.API_KEY)
                    .json("POST", "/v1/webhooks", """
                            {"name":"kept","url":"https://example.com/h","agentId":"%s",
                             "secret":"kept-secret-across-starts","events":["conversation_ended"]}""".formatted(AGENT), 201)
                    .getString("webhookId");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        String key = Files.readString(keyFile);
        assertThat(MasterKey.fromBase64(key)).isNotNull();

        try (Application second = Application.start(ServiceConfig.load(EndToEndTest.testSettings(dataDir)))) {
            assertThat(new ServiceClient(second.port(), EndToEndTest.API_KEY)
                            .get("/v1/webhooks/" + webhook)
                            .getString("secret"))
                    .isEqualTo("****arts");
        }
        assertThat(Files.readString(keyFile)).isEqualTo(key);
    }

    @Test
    void the_production_profile_without_a_master_key_exits_with_one_line_naming_the_setting() throws Exception {
        ServiceProcess.Exited exited =
                ServiceProcess.runUntilExit(dataDir, Map.of("HELIDON_CONFIG_PROFILE", "prod"), Duration.ofSeconds(30));

        assertThat(exited.status()).isEqualTo(1);
        assertThat(exited.log())
                .containsOnlyOnce("secrets.master-key (SECRETS_MASTER_KEY): not set")
                .doesNotContain("\tat ");
        assertThat(dataDir.resolve("data")).doesNotExist();
    }

    @Test
    void admin_rotate_master_key_seals_every_secret_under_the_new_key_while_the_service_delivers() throws Exception {
        MasterKey oldKey = MasterKey.generate();
        MasterKey newKey = MasterKey.generate();
        String secret = "sealed-under-the-old-key";
        // PostgreSQL: another process can use it while the service runs (an embedded H2 file is locked by it).
        try (PostgresDatabase database = PostgresDatabase.create();
                TestReceiver receiver = new TestReceiver()) {
            try (Application before = Application.start(ServiceConfig.load(settings(database, oldKey, List.of())))) {
                new ServiceClient(before.port(), EndToEndTest.API_KEY)
                        .json("POST", "/v1/webhooks", """
                        {"name":"sealed","url":"%s","agentId":"%s","secret":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/sealed"), AGENT, secret), 201);
            }
            // The operator's steps: the new key current and the old one previous, then the command while it runs.
            Map<String, String> changing = settings(database, newKey, List.of(oldKey));
            try (Application during = Application.start(ServiceConfig.load(changing))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = new AdminCommand(
                                ServiceConfig.load(changing),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err)
                        .run(new String[] {"rotate-master-key"});

                assertThat(status).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .contains("sealed again under master key " + newKey.id() + ": 1 webhooks");
                assertDelivered(new ServiceClient(during.port(), EndToEndTest.API_KEY), receiver, secret, 1);
            }
            assertThat(storedSecrets(database))
                    .isNotEmpty()
                    .allSatisfy(stored -> assertThat(stored).startsWith("v1:" + newKey.id() + ":"));
            try (Application after = Application.start(ServiceConfig.load(settings(database, newKey, List.of())))) {
                assertDelivered(new ServiceClient(after.port(), EndToEndTest.API_KEY), receiver, secret, 2);
            }
        }
    }

    private Map<String, String> settings(PostgresDatabase database, MasterKey current, List<MasterKey> previous) {
        Map<String, String> settings = new HashMap<>(EndToEndTest.testSettings(dataDir));
        settings.put("db.connection.url", database.url());
        settings.put("db.connection.username", PostgresDatabase.USER);
        settings.put("secrets.master-key", current.toBase64());
        settings.put(
                "secrets.previous-master-keys",
                String.join(",", previous.stream().map(MasterKey::toBase64).toList()));
        return settings;
    }

    private static void assertDelivered(ServiceClient api, TestReceiver receiver, String secret, int count) {
        api.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(AGENT), 202);
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/sealed")).hasSize(count));
        TestReceiver.Received last = receiver.received("/sealed").get(count - 1);
        assertThat(StandardWebhooksVerifier.verifies(secret, last.headers(), last.body()))
                .isTrue();
    }

    private static List<String> storedSecrets(PostgresDatabase database) throws Exception {
        List<String> secrets = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), PostgresDatabase.USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT secret FROM webhooks")) {
            while (rows.next()) {
                secrets.add(rows.getString(1));
            }
        }
        return secrets;
    }
}
