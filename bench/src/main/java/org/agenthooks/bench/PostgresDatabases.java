package org.agenthooks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * With {@code -Dbench.postgres=HOST:PORT}, each service process gets a fresh PostgreSQL database of its own
 * (made and dropped with {@code psql} as user postgres, trust auth) instead of a fresh H2 file.
 */
final class PostgresDatabases {
    private static final String MARKER = "postgres-database";

    private PostgresDatabases() {}

    static Optional<String> wanted() {
        return Optional.ofNullable(System.getProperty("bench.postgres")).filter(text -> !text.isBlank());
    }

    static String create(String server, Path dir) {
        String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        psql(server, "CREATE DATABASE " + name);
        try {
            Files.writeString(dir.resolve(MARKER), server + " " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    static void dropAll(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            return;
        }
        try {
            String[] serverAndName = Files.readString(marker).trim().split(" ");
            psql(serverAndName[0], "DROP DATABASE IF EXISTS " + serverAndName[1] + " WITH (FORCE)");
            Files.delete(marker);
            System.out.println("[bench] PostgreSQL database " + serverAndName[1] + " dropped");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not drop the bench database named in " + marker + ": " + e);
        }
    }

    private static void psql(String server, String sql) {
        String[] hostAndPort = server.split(":");
        List<String> command = List.of(
                "psql",
                "-h",
                hostAndPort[0],
                "-p",
                hostAndPort.length > 1 ? hostAndPort[1] : "5432",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                sql);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
