package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes on one PostgreSQL database, each with the key in its cache: a key revoked with
 * {@code admin revoke-key} is refused by both within 2 s (not the cache's 30 s time to live), and the other keys
 * keep working.
 */
class KeyRevocationAcrossInstancesTest {
    private static final String DEMO_KEY = "key_RevokeTest1.revocation-test-secret-0123456789";
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Pattern ISSUED_KEY = Pattern.compile("apiKey: (\\S+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void a_key_revoked_by_the_admin_command_is_refused_by_every_instance_within_two_seconds() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
                ServiceProcess a = ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(database));
                ServiceProcess b = ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(database))) {
            String revoked = issuedKey(admin(database, "create-workspace", "--name", "Revoked soon"));
            String kept = issuedKey(admin(database, "create-workspace", "--name", "Kept"));
            List<ServiceClient> revokedKeyOnBoth =
                    List.of(new ServiceClient(a.port, revoked), new ServiceClient(b.port, revoked));
            List<ServiceClient> otherKeysOnBoth = List.of(
                    new ServiceClient(a.port, kept),
                    new ServiceClient(b.port, kept),
                    new ServiceClient(a.port, DEMO_KEY),
                    new ServiceClient(b.port, DEMO_KEY));
            for (ServiceClient client : revokedKeyOnBoth) {
                assertThat(status(client))
                        .as("before the revocation (and now in the cache)")
                        .isEqualTo(200);
            }

            assertThat(admin(database, "revoke-key", "--key", revoked)).contains("within 2 s");
            long revokedAt = System.nanoTime();

            Eventually.within(BOUND.plusSeconds(3), () -> {
                for (ServiceClient client : revokedKeyOnBoth) {
                    assertThat(status(client)).isEqualTo(401);
                }
            });
            Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
            System.out.printf(
                    "KeyRevocationAcrossInstancesTest: both instances refused the key %d ms after"
                            + " the revocation%n",
                    took.toMillis());
            assertThat(took)
                    .as("from the revocation until both instances refuse the key")
                    .isLessThan(BOUND);
            for (ServiceClient client : otherKeysOnBoth) {
                assertThat(status(client)).as("another key").isEqualTo(200);
            }
        }
    }

    private static int status(ServiceClient client) {
        return client.send("GET", "/v1/event-types", null).statusCode();
    }

    /** Runs {@code webhooks admin ...} on the database in this JVM, as the script would; its output. */
    private static String admin(PostgresDatabase database, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServiceConfig config = ServiceConfig.load(
                Map.of("db.connection.url", database.url(), "db.connection.username", PostgresDatabase.USER));
        int status = new AdminCommand(
                        config,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        assertThat(status).as("admin %s: %s", String.join(" ", args), err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String issuedKey(String output) {
        Matcher key = ISSUED_KEY.matcher(output);
        assertThat(key.find()).as(output).isTrue();
        return key.group(1);
    }

    private static Map<String, String> environment(PostgresDatabase database) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("DEMO_ENABLED", "true");
        environment.put("DEMO_API_KEY", DEMO_KEY);
        environment.put("DB_POOL_MAX_SIZE", "4");
        return environment;
    }
}
