package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events acknowledged before a SIGKILL are found after it, also once H2 reuses space in its file, which is when
 * H2's own crash recovery misses the last commits.
 */
class H2CrashRecoveryTest {
    private static final int KILLS = 10;

    @TempDir
    Path directory;

    @Test
    void every_event_appended_before_a_kill_is_found_when_the_file_is_opened_again() throws Exception {
        // H2 reuses the space of dead chunks after RETENTION_TIME ms: 1 s instead of 45 s brings a long-running
        // service's file into a short test (0 would corrupt the file).
        String url = "jdbc:h2:file:" + directory.resolve("webhooks") + ";WRITE_DELAY=0;RETENTION_TIME=1000";
        Set<String> acknowledged = new LinkedHashSet<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            acknowledged.addAll(appendUntilKilled(url, kill));

            Set<String> missing = new LinkedHashSet<>(acknowledged);
            try (Database database = Database.open(new DatabaseSettings(url, "sa", "", 2))) {
                missing.removeAll(storedEventIds(database));
            }
            assertThat(missing)
                    .as("events acknowledged but missing after kill %d (of %d acknowledged)", kill, acknowledged.size())
                    .isEmpty();
        }
    }

    @Test
    void only_urls_of_embedded_h2_files_are_recovered() {
        assertThat(H2CrashRecovery.of("jdbc:h2:file:./data/webhooks;WRITE_DELAY=0"))
                .isPresent();
        assertThat(H2CrashRecovery.of("jdbc:h2:./data/webhooks")).isPresent();
        assertThat(H2CrashRecovery.of("jdbc:h2:mem:webhooks")).isEmpty();
        assertThat(H2CrashRecovery.of("jdbc:h2:tcp://localhost/./data/webhooks"))
                .isEmpty();
        assertThat(H2CrashRecovery.of("jdbc:h2:file:./data/webhooks;CIPHER=AES"))
                .isEmpty();
        assertThat(H2CrashRecovery.of("jdbc:postgresql://127.0.0.1:5432/webhooks"))
                .isEmpty();
    }

    @Test
    void an_open_database_is_marked_open_until_it_is_closed() {
        Path file = directory.resolve("webhooks");
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:" + file, "sa", "", 2);
        Database database = Database.open(settings);
        assertThat(Path.of(file + ".open")).exists();
        database.close();
        assertThat(Path.of(file + ".open")).doesNotExist();
    }

    /** The ids the child printed before it was killed, a random moment after its first. */
    private List<String> appendUntilKilled(String url, int run) throws Exception {
        Path output = directory.resolve("appended-" + run + ".txt");
        Path log = directory.resolve("child-" + run + ".log");
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppendingUntilKilled.class.getName(),
                        url)
                .redirectOutput(output.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (appended(output).isEmpty()) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the child appended nothing; its log:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(200, 1500));
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return appended(output);
    }

    /** Whole lines only: the kill may cut the last one. */
    private static List<String> appended(Path output) throws IOException {
        String text = Files.readString(output);
        return text.substring(0, text.lastIndexOf('\n') + 1)
                .lines()
                .filter(line -> line.startsWith(AppendingUntilKilled.APPENDED))
                .map(line -> line.substring(AppendingUntilKilled.APPENDED.length()))
                .toList();
    }

    private static Set<String> storedEventIds(Database database) {
        return database.inTransaction(connection -> {
            Set<String> ids = new HashSet<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT event_id FROM events")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }
}
