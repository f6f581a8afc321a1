package org.agenthooks.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server under test as a separate JVM process on 127.0.0.1: the built service jar (fresh temp directory as
 * working dir, fresh H2 file, fixed demo key), the {@link BareServer} or the {@link BareRelay}. Knows how long it
 * took to answer first, its resident memory, and how to stop it within bounded time.
 */
final class ServiceProcess implements AutoCloseable {
    static final String API_KEY = "key_Bench000001.bench-secret-0123456789abcdefghij";
    static final String AGENT_DOCS = "D5D0p7TUs66TTAEAx";
    static final String AGENT_OTHER = "Q7mZ2wX9cLr4VbN8k";

    private final Process process;
    private final List<String> command;
    private final int port;
    private final Path dir;
    private final long startedNanos;
    private final String readyPath;
    private final Map<String, String> settings;

    private ServiceProcess(
            Process process,
            List<String> command,
            int port,
            Path dir,
            long startedNanos,
            String readyPath,
            Map<String, String> settings) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.dir = dir;
        this.startedNanos = startedNanos;
        this.readyPath = readyPath;
        this.settings = settings;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroyForcibly()));
    }

    /**
     * Starts the service jar with the bench's environment plus {@code extraEnv}; does not wait for it. With
     * {@code -Dbench.postgres} it gets a fresh database of its own (dropped when it is closed), unless
     * {@code extraEnv} names a DB_CONNECTION_URL, e.g. another process's {@link #settings()}: then it shares that
     * database and leaves dropping it to the process that made it (close this one first).
     */
    static ServiceProcess service(Map<String, String> extraEnv) throws IOException {
        Path dir = Files.createTempDirectory("webhooks-bench-");
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("DEMO_API_KEY", API_KEY);
        // The api scenario's wrk loops make tens of thousands of management calls a second with one key, far
        // over its default rate limit: the bench measures the handlers, not the limiter's 429s.
        env.put("API_RATE_LIMIT_MANAGEMENT_PER_SECOND", "1000000");
        env.put("API_RATE_LIMIT_MANAGEMENT_BURST", "1000000");
        env.put("DB_CONNECTION_URL", "jdbc:h2:file:" + dir.resolve("webhooks") + h2Settings());
        PostgresDatabases.wanted()
                .filter(server -> !extraEnv.containsKey("DB_CONNECTION_URL"))
                .ifPresent(server -> {
                    String database = PostgresDatabases.create(server, dir);
                    env.put("DB_CONNECTION_URL", "jdbc:postgresql://" + server + "/" + database);
                    env.put("DB_CONNECTION_USERNAME", "postgres");
                });
        env.putAll(extraEnv);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(extraJvmArgs());
        command.add("-jar");
        command.add(serviceJar().toString());
        return start(command, env, dir, port, "/openapi");
    }

    /** Starts {@link BareServer} on the bench's own class path and the same JVM binary. */
    static ServiceProcess bare() throws IOException {
        return benchMain(BareServer.class, BareServer.PATH);
    }

    /** Starts {@link BareRelay}, forwarding to {@code receiverUrl}, on the bench's class path and JVM binary. */
    static ServiceProcess relay(String receiverUrl) throws IOException {
        return benchMain(BareRelay.class, BareRelay.READY_PATH, receiverUrl);
    }

    /** Runs {@code main} of the bench with a free port as its first argument, then {@code moreArgs}. */
    private static ServiceProcess benchMain(Class<?> main, String readyPath, String... moreArgs) throws IOException {
        Path dir = Files.createTempDirectory("webhooks-bench-" + main.getSimpleName() + "-");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(port)));
        command.addAll(List.of(moreArgs));
        return start(command, Map.of(), dir, port, readyPath);
    }

    private static ServiceProcess start(
            List<String> command, Map<String, String> env, Path dir, int port, String readyPath) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("process.log").toFile()));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        return new ServiceProcess(process, command, port, dir, started, readyPath, env);
    }

    /**
     * The same command and settings started again in the same directory, on the same database (after a
     * {@link #kill()} or {@link #stop()} of this one), on a fresh port; its log goes on in the same file.
     * Close the new one first: closing either deletes the database files.
     */
    ServiceProcess restarted() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("restart of a process that is still running");
        }
        int fresh = freePort();
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("SERVER_PORT", Integer.toString(fresh));
        return start(command, env, dir, fresh, readyPath);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    Map<String, String> settings() {
        return settings;
    }

    Path log() {
        return dir.resolve("process.log");
    }

    /** The service's H2 database file (there is none with {@code -Dbench.postgres}). */
    Path h2File() {
        return dir.resolve("webhooks.mv.db");
    }

    /**
     * Polls the ready path every 10 ms with a raw HTTP/1.1 GET (nothing to warm up on the bench's side) and
     * returns the time from process start to the first 200 answer.
     */
    Duration awaitFirstAnswer(Duration max) throws InterruptedException {
        long deadline = startedNanos + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server process exited with " + process.exitValue() + "; see " + log());
            }
            if (answers200()) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("server did not answer within " + max + "; see " + log());
    }

    private boolean answers200() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + readyPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int filled = 0;
            int read;
            while (filled < head.length && (read = in.read(head, filled, head.length - filled)) != -1) {
                filled += read;
            }
            return new String(head, 0, filled, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails the scenario if the process has ended (crashed, or stopped by someone else) before the bench stopped
     * it: figures taken across its death would be meaningless.
     */
    void requireAlive(String scenario) {
        if (!process.isAlive()) {
            throw new IllegalStateException(scenario + ": INVALID, the server process ended during the run with exit"
                    + " code " + process.exitValue() + " (not stopped by the bench); see " + log());
        }
    }

    /** VmRSS of the process, in MiB, from /proc. */
    double residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** User + system CPU time the process has used so far, in nanoseconds (clock ticks of 10 ms). */
    long cpuNanos() {
        return CpuTime.ofPid(process.pid());
    }

    /** SIGKILL, for a process whose graceful stop would only wait out hanging attempts. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, up to 15 s for a graceful stop, then SIGKILL; keeps the database. Returns whether the process ended
     * by itself within the 15 s.
     */
    boolean stop() {
        process.destroy();
        try {
            if (process.waitFor(15, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * {@link #stop()}, then deletes the database files (hundreds of MB after a load run), keeping the process log
     * and any JVM crash report.
     */
    @Override
    public void close() {
        stop();
        if (!process.isAlive()) {
            deleteDatabase();
        }
    }

    private void deleteDatabase() {
        PostgresDatabases.dropAll(dir);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("webhooks.") && Files.isRegularFile(file)) {
                    System.out.printf(
                            "[bench] %s was %.0f MiB when the service stopped; deleted%n",
                            name, Files.size(file) / 1048576.0);
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            System.err.println("could not delete the database files in " + dir + ": " + e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path serviceJar() {
        Path jar = Path.of(System.getProperty("bench.serviceJar", "bootstrap/target/agent-webhooks.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar + ": build it first (bench/run.sh does)");
        }
        return jar;
    }

    /**
     * What follows the file in the services' H2 URL. {@code -Dbench.h2Settings=";PAGE_SIZE=4096"} compares H2
     * settings against the defaults the service adds; {@code -Dbench.writeDelay=1000} lets H2 hold commits in
     * memory (not durable: an experiment, see bench/README.md).
     */
    static String h2Settings() {
        return ";WRITE_DELAY=" + System.getProperty("bench.writeDelay", "0")
                + System.getProperty("bench.h2Settings", "");
    }

    /** Extra JVM options for the service (e.g. a JFR recording), from -Dbench.serviceJvmArgs. */
    private static List<String> extraJvmArgs() {
        return Optional.ofNullable(System.getProperty("bench.serviceJvmArgs"))
                .filter(args -> !args.isBlank())
                .map(args -> List.of(args.trim().split("\\s+")))
                .orElse(List.of());
    }
}
