package org.agenthooks.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service in a separate JVM, started from this test run's class path, so it can be killed like a real one. */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path logFile;
    final int port;

    private ServiceProcess(Process process, Path logFile, int port) {
        this.process = process;
        this.logFile = logFile;
        this.port = port;
    }

    static ServiceProcess start(Path workDir, int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = builder(workDir, port, environment);
        ServiceProcess service = new ServiceProcess(
                builder.start(), builder.redirectOutput().file().toPath(), port);
        service.awaitReady(Duration.ofSeconds(30));
        return service;
    }

    /** What the service has logged so far. */
    String log() throws IOException {
        return Files.readString(logFile);
    }

    /** What a service that ended by itself left: its exit status and its log. */
    record Exited(int status, String log) {}

    /** Starts the service and waits for it to end by itself, as it does when it refuses its configuration. */
    static Exited runUntilExit(Path workDir, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = builder(workDir, port, environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the service was still running after " + limit);
            }
        } finally {
            process.destroyForcibly();
        }
        return new Exited(
                process.exitValue(),
                Files.readString(builder.redirectOutput().file().toPath()));
    }

    private static ProcessBuilder builder(Path workDir, int port, Map<String, String> environment) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("service-" + port + "-" + System.nanoTime() + ".log")
                        .toFile());
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        return builder;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration limit) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service process exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the service did not answer within " + limit);
    }

    private String logTail() {
        try {
            String log = log();
            return log.substring(Math.max(0, log.length() - 4_000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the shutdown hook runs. */
    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
