package org.agenthooks.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.h2.mvstore.MVStore;

/** Finds the last commits of an embedded H2 file that was not closed, before H2 opens it. */
final class H2CrashRecovery {
    private static final System.Logger LOG = System.getLogger(H2CrashRecovery.class.getName());

    private final Path store;
    private final Path marker;

    private H2CrashRecovery(Path database) {
        this.store = Path.of(database + ".mv.db");
        this.marker = Path.of(database + ".open");
    }

    /**
     * For a URL of an embedded H2 file ({@code jdbc:h2:file:./data/webhooks}, {@code jdbc:h2:~/webhooks}); empty for
     * in-memory, server, encrypted and non-H2 URLs.
     */
    static Optional<H2CrashRecovery> of(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.toUpperCase(Locale.ROOT).contains(";CIPHER=")) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.indexOf(':') > 1) {
            // mem:, tcp:, ssl: and H2's other file systems (nio:, zip:, split:, ...); a Windows drive is C:
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(new H2CrashRecovery(Path.of(name)));
    }

    /**
     * Recovers the file if the last process that opened it did not close it, then marks it open by this one.
     * <p>
     * After a crash, H2 reads the store header and follows the chunks it points at. Once H2 writes a chunk into
     * reused space, the header it writes names the chunk before it, so the open stops there and drops the later
     * commits (up to 20), although they are in the file. A recovery-mode open scans the whole file for the newest
     * complete chunk, and its close writes a header that names it.
     */
    void beforeOpen() {
        try {
            if (Files.exists(marker) && Files.exists(store)) {
                long started = System.nanoTime();
                new MVStore.Builder()
                        .fileName(store.toString())
                        .recoveryMode()
                        .open()
                        .close();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0} was not closed by the last process that used it; recovered its last commits in {1} ms",
                        store,
                        (System.nanoTime() - started) / 1_000_000);
            }
            if (!Files.exists(marker)) {
                Files.createDirectories(marker.toAbsolutePath().getParent());
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not check whether " + store + " was closed: " + e.getMessage(), e);
        }
    }

    /** Marks the file closed: call it once H2 has closed it. */
    void afterClose() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            // Harmless: the next start recovers a file that needed nothing.
            LOG.log(System.Logger.Level.WARNING, "could not delete " + marker + ": " + e.getMessage());
        }
    }
}
