package org.agenthooks.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of its own, made from the installed server binaries in a temporary directory and served
 * on a free port (TCP on 127.0.0.1 and a socket in that directory), so a test may stop and start it without
 * disturbing the machine's server. Run as root, the binaries run as the {@code postgres} user, who owns the
 * directory. {@link #close()} stops it and deletes the directory; a shutdown hook does the same if the test JVM
 * ends first. Missing binaries skip the test, except under {@code CI=true}.
 */
final class PostgresCluster implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final long COMMAND_SECONDS = 60;

    private final Path directory;
    private final Path data;
    private final int port;
    private final Thread cleanup;
    private boolean closed;

    private PostgresCluster(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.cleanup = new Thread(this::destroy, "postgres-cluster-cleanup");
    }

    /** Initialises a cluster (user {@code postgres}, trust auth) and starts it. */
    static PostgresCluster start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs the PostgreSQL server binaries in " + BIN);
            }
            Assumptions.abort("no PostgreSQL server binaries in " + BIN);
        }
        Path directory = Files.createTempDirectory("webhooks-pg-");
        PostgresCluster cluster = new PostgresCluster(directory, ServiceProcess.freePort());
        Runtime.getRuntime().addShutdownHook(cluster.cleanup);
        try {
            if (runningAsRoot()) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
            }
            cluster.run(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    cluster.data.toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-instructions");
            cluster.startServer();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The cluster's own {@code postgres} database, which the service may use as its own. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    /** Starts the stopped server and waits until it accepts connections. */
    void startServer() throws IOException, InterruptedException {
        run(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
                "-w",
                "-t",
                "30",
                "start");
    }

    /** {@code pg_ctl stop -m fast}: sessions are ended, open transactions rolled back, then a clean shutdown. */
    void stopServer() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    /** The server's own log, for a failure's message. */
    String serverLog() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            } catch (IOException | InterruptedException | IllegalStateException e) {
                System.err.println("could not stop the test's PostgreSQL cluster in " + directory + ": " + e);
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (runningAsRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("webhooks-pg-command-", ".log");
        try {
            // Output to a file, not a pipe: pg_ctl's server inherits the pipe and would hold it open.
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .directory(directory.toFile())
                    .start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " took over " + COMMAND_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
