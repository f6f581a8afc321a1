package org.agenthooks.bootstrap;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * A NATS server (JetStream on) of this test's own, on a free port with its store in a temporary folder, so a test
 * can stop and start it without touching the machine's shared server. Without the nats-server binary a test is
 * skipped, except under {@code CI=true}, where it fails.
 */
final class OwnNatsServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nats-server");

    final int port;
    private final Path storeDir;
    private Process process;

    private OwnNatsServer(int port, Path storeDir) {
        this.port = port;
        this.storeDir = storeDir;
    }

    /** A server to be started later (or never): its port is chosen now. */
    static OwnNatsServer notStarted(Path workDir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs " + BINARY);
            }
            Assumptions.abort(BINARY + " is not installed");
        }
        return new OwnNatsServer(ServiceProcess.freePort(), Files.createDirectories(workDir.resolve("nats-store")));
    }

    static OwnNatsServer started(Path workDir) throws IOException {
        OwnNatsServer server = notStarted(workDir);
        server.start();
        return server;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port and store) and waits until it takes connections. */
    void start() throws IOException {
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "-a",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-js",
                        "-sd",
                        storeDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(storeDir.resolveSibling("nats-" + port + ".log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("nats-server did not listen on " + port);
    }

    /** Stops it as an operator restarting it would (SIGTERM), and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    Connection connect() throws IOException, InterruptedException {
        return Nats.connect(Options.builder()
                .server(url())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(200))
                .build());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
