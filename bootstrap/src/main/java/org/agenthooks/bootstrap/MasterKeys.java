package org.agenthooks.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.agenthooks.adapters.persistence.MasterKey;
import org.agenthooks.adapters.persistence.SecretSealer;

/**
 * The sealer of the configured master keys. Without {@code secrets.master-key}, the key is read from
 * {@code secrets.master-key-file}, which is made on first start with a fresh key, readable by its owner only.
 */
final class MasterKeys {
    private static final System.Logger LOG = System.getLogger(MasterKeys.class.getName());
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private MasterKeys() {}

    static SecretSealer sealer(ServiceConfig.Secrets secrets) {
        MasterKey current = secrets.masterKey()
                .orElseGet(() -> readOrCreate(secrets.masterKeyFile().orElseThrow()));
        return new SecretSealer(current, secrets.previous());
    }

    private static MasterKey readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            MasterKey fresh = MasterKey.generate();
            Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createTempFile(directory, "master-", ".key", OWNER_ONLY);
            try {
                Files.writeString(written, fresh.toBase64() + "\n", StandardCharsets.US_ASCII);
                // A link appears whole or not at all, and never replaces a file another process made meanwhile.
                Files.createLink(file, written);
            } finally {
                Files.delete(written);
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Made master key " + fresh.id() + " in " + file + " (readable by its owner only)");
            return fresh;
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("secrets.master-key-file " + file + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey read(Path file) {
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("secrets.master-key-file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secrets.master-key-file " + file + ": " + e.getMessage(), e);
        }
    }
}
