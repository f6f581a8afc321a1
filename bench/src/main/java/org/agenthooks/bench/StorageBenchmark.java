package org.agenthooks.bench;

import static org.agenthooks.bench.DeliveryBenchmark.AGENT;
import static org.agenthooks.bench.DeliveryBenchmark.SERVICE_SETTINGS;
import static org.agenthooks.bench.DeliveryBenchmark.progress;
import static org.agenthooks.bench.DeliveryBenchmark.sleepUntil;
import static org.agenthooks.bench.Table.f;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded storage's figures, run in {@link DeliveryBenchmark}'s JVM with its receiver: how the H2 file and
 * the service's disk writes grow under a steady rate and while idle, and how much of the file is live after a
 * clean stop ({@code soak}); disk writes per delivered event at three rates ({@code writes}); and whether every
 * event acknowledged before a SIGKILL is delivered after a restart on the same database ({@code crashsoak}).
 */
final class StorageBenchmark {
    static final List<String> SCENARIOS = List.of("soak", "writes", "crashsoak");
    /** Scenarios that measure the H2 file, so run only without {@code -Dbench.postgres}. */
    static final Set<String> H2_ONLY = Set.of("soak", "writes");

    static final int SOAK_RATE = Integer.getInteger("bench.soakRate", 500);
    static final Duration SOAK = seconds("bench.soakSeconds", 600);
    static final Duration SOAK_IDLE = seconds("bench.soakIdleSeconds", 600);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    static final List<Integer> WRITE_RATES = List.of(50, 200, 1_000);
    static final Duration WRITES_WARM_UP = seconds("bench.writesWarmUpSeconds", 20);
    static final Duration WRITES_RUN = seconds("bench.writesSeconds", 60);
    static final Duration WRITES_DRAIN_LIMIT = Duration.ofSeconds(30);
    static final int CRASH_RATE = 500;
    static final Duration CRASH_SOAK = seconds("bench.crashSoakSeconds", 300);
    /** Posting goes on this long past the SIGKILL, so the kill lands mid-load (those posts fail). */
    static final Duration CRASH_POST_ON = Duration.ofSeconds(3);

    static final Duration CRASH_DRAIN_LIMIT = Duration.ofSeconds(120);

    private final Receiver receiver;
    private final Table table;

    StorageBenchmark(Receiver receiver, Table table) {
        this.receiver = receiver;
        this.table = table;
    }

    /** What the service had done by one moment (nanoTime): acknowledged, delivered, H2 file size, bytes written. */
    private record Sample(long nanos, long acknowledged, long delivered, long fileBytes, long writtenBytes) {}

    /** Takes {@link Sample}s of one service under load from one poster, counted at one recording. */
    private record Probe(
            String scenario,
            ServiceProcess service,
            EventPoster poster,
            Receiver.Recording recording,
            long startNanos) {
        Sample take() {
            long file;
            try {
                file = Files.size(service.h2File());
            } catch (IOException e) {
                file = 0;
            }
            return new Sample(
                    System.nanoTime(),
                    poster.acceptedSoFar(),
                    recording.total.get(),
                    file,
                    CpuTime.writtenBytes(service.pid()));
        }

        String line(String phase, Sample previous, Sample now) {
            long events = now.acknowledged() - previous.acknowledged();
            double written = (now.writtenBytes() - previous.writtenBytes()) / 1048576.0;
            return f(
                    "%s %s %5d s: acknowledged %8d, delivered %8d, H2 file %8.1f MiB, written %9.1f MiB;"
                            + " %+8.1f MiB in %2.0f s, %s",
                    scenario,
                    phase,
                    (now.nanos() - startNanos) / 1_000_000_000L,
                    now.acknowledged(),
                    now.delivered(),
                    mib(now.fileBytes()),
                    mib(now.writtenBytes()),
                    written,
                    (now.nanos() - previous.nanos()) / 1e9,
                    events == 0 ? "no events" : f("%.1f KiB/event", written * 1024 / events));
        }

        /**
         * Prints a line every {@link #SAMPLE_EVERY} after {@code previous}, and one at {@code end}; returns the
         * last sample. Fails early if the service dies or the open loop {@code load} (if any) failed.
         */
        Sample printUntil(String phase, long end, Sample previous, Future<?> load) throws Exception {
            Sample last = previous;
            long next = previous.nanos() + SAMPLE_EVERY.toNanos();
            while (true) {
                long at = Math.min(next, end);
                sleepUntil(at);
                service.requireAlive(scenario);
                if (load != null && load.isDone()) {
                    load.get(); // throws if the open loop failed
                }
                Sample now = take();
                progress(line(phase, last, now));
                last = now;
                if (at >= end) {
                    return last;
                }
                next += SAMPLE_EVERY.toNanos();
            }
        }
    }

    /**
     * H2's own figures of a closed database file, from {@code INFORMATION_SCHEMA.SETTINGS} (opened read-only):
     * the file's size, the share of it that chunks occupy ({@code info.FILL_RATE}, %) and the share of those
     * chunks' bytes that live pages occupy ({@code info.CHUNKS_FILL_RATE}, %).
     */
    record H2Figures(long fileBytes, int fillRate, int chunksFillRate) {
        static H2Figures read(Path mvDb) throws SQLException {
            String base = mvDb.toString().replaceFirst("\\.mv\\.db$", "");
            Map<String, String> info = new HashMap<>();
            try (Connection connection =
                            DriverManager.getConnection("jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r", "sa", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE"
                            + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%'")) {
                while (rows.next()) {
                    info.put(rows.getString(1), rows.getString(2));
                }
            }
            return new H2Figures(
                    Long.parseLong(required(info, "info.FILE_SIZE")),
                    Integer.parseInt(required(info, "info.FILL_RATE")),
                    Integer.parseInt(required(info, "info.CHUNKS_FILL_RATE")));
        }

        /** Bytes of live pages: file size x fill rate x chunks' fill rate. */
        long liveBytes() {
            return fileBytes * fillRate * chunksFillRate / 10_000;
        }

        private static String required(Map<String, String> info, String name) throws SQLException {
            String value = info.get(name);
            if (value == null) {
                throw new SQLException("no " + name + " in INFORMATION_SCHEMA.SETTINGS; there are " + info.keySet());
            }
            return value;
        }
    }

    /**
     * A steady open loop, then idle, a line every 30 s; then a clean stop and H2's figures of what is live. The
     * retention purge cannot run (its period is at least 24 h), so the live set grows with every event.
     */
    void soak() throws Exception {
        progress(f(
                "soak: open loop at %d events/s for %d s, then %d s idle, a line every %d s; then a clean stop and"
                        + " H2's figures of the file",
                SOAK_RATE, SOAK.toSeconds(), SOAK_IDLE.toSeconds(), SAMPLE_EVERY.toSeconds()));
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Soak", AGENT, receiver.url("/soak"), ServiceApi.ALL_EVENTS);
            Receiver.Recording recording = receiver.record(0);
            Sample start;
            Sample loadEnd;
            Sample idleEnd;
            OpenLoop.Run run;
            try (EventPoster poster = new EventPoster(service.baseUri());
                    ExecutorService loopThread = Executors.newVirtualThreadPerTaskExecutor()) {
                Probe probe = new Probe("soak", service, poster, recording, System.nanoTime());
                start = probe.take();
                progress(probe.line("start", start, start));
                Future<OpenLoop.Run> load =
                        loopThread.submit(() -> OpenLoop.run(poster, AGENT, SOAK_RATE, Duration.ZERO, SOAK));
                loadEnd = probe.printUntil("load", start.nanos() + SOAK.toNanos(), start, load);
                run = load.get();
                idleEnd = probe.printUntil("idle", loadEnd.nanos() + SOAK_IDLE.toNanos(), loadEnd, null);
                if (poster.firstProblem() != null) {
                    progress("soak: first problem posting: " + poster.firstProblem());
                }
            }
            boolean graceful = service.stop();
            H2Figures h2 = H2Figures.read(service.h2File());
            progress(f(
                    "soak: after the stop (%s) the file is %.1f MiB; H2: FILL_RATE %d %%, CHUNKS_FILL_RATE %d %%,"
                            + " live %.1f MiB",
                    graceful ? "graceful" : "NOT graceful: SIGKILL after 15 s",
                    mib(h2.fileBytes()),
                    h2.fillRate(),
                    h2.chunksFillRate(),
                    mib(h2.liveBytes())));
            long events = loadEnd.acknowledged() - start.acknowledged();
            table.row(
                    "soak: acknowledged / delivered",
                    f("%d / %d", idleEnd.acknowledged(), idleEnd.delivered()),
                    f(
                            "open loop %d events/s for %d s; %d failed, %d dropped by generator, max schedule lag"
                                    + " %.0f ms",
                            SOAK_RATE, SOAK.toSeconds(), run.failed(0), run.dropped(), run.maxLagNanos() / 1e6));
            table.row(
                    "soak: H2 file at end of load / end of idle",
                    f("%.1f / %.1f MiB", mib(loadEnd.fileBytes()), mib(idleEnd.fileBytes())),
                    f(
                            "idle %d s: %+.1f MiB; %.2f KiB of file per event of the load",
                            SOAK_IDLE.toSeconds(),
                            mib(idleEnd.fileBytes() - loadEnd.fileBytes()),
                            (loadEnd.fileBytes() - start.fileBytes()) / 1024.0 / Math.max(1, events)));
            table.row(
                    "soak: written by the service per event, load",
                    f("%.1f KiB", (loadEnd.writtenBytes() - start.writtenBytes()) / 1024.0 / Math.max(1, events)),
                    f(
                            "write_bytes: %.1f MiB during the load, %.1f MiB while idle",
                            mib(loadEnd.writtenBytes() - start.writtenBytes()),
                            mib(idleEnd.writtenBytes() - loadEnd.writtenBytes())));
            table.row(
                    "soak: after clean stop, file / live",
                    f(
                            "%.1f / %.1f MiB = %.1fx",
                            mib(h2.fileBytes()),
                            mib(h2.liveBytes()),
                            h2.fileBytes() / (double) Math.max(1, h2.liveBytes())),
                    f(
                            "live = file x info.FILL_RATE %d %% x info.CHUNKS_FILL_RATE %d %%; nothing purged"
                                    + " (retention >= 24 h)",
                            h2.fillRate(), h2.chunksFillRate()));
        }
    }

    /** One service, three open-loop phases one after another: bytes the service wrote per delivered event. */
    void writes() throws Exception {
        progress(f(
                "writes: open loop at %s events/s on one service, each %d s warm-up + %d s measured",
                WRITE_RATES, WRITES_WARM_UP.toSeconds(), WRITES_RUN.toSeconds()));
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS);
                EventPoster poster = new EventPoster(service.baseUri());
                ExecutorService loopThread = Executors.newVirtualThreadPerTaskExecutor()) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Writes", AGENT, receiver.url("/writes"), ServiceApi.ALL_EVENTS);
            for (int rate : WRITE_RATES) {
                Receiver.Recording recording = receiver.record(0);
                Probe probe = new Probe("writes", service, poster, recording, System.nanoTime());
                long measureFrom = System.nanoTime() + 20_000_000L + WRITES_WARM_UP.toNanos();
                Future<OpenLoop.Run> load =
                        loopThread.submit(() -> OpenLoop.run(poster, AGENT, rate, WRITES_WARM_UP, WRITES_RUN));
                sleepUntil(measureFrom);
                Sample from = probe.take();
                DeliveryBenchmark.CpuSample cpu = DeliveryBenchmark.CpuSample.start(service);
                sleepUntil(measureFrom + WRITES_RUN.toNanos());
                Sample to = probe.take();
                cpu = cpu.end();
                OpenLoop.Run run = load.get();
                service.requireAlive("writes");
                DeliveryBenchmark.await(WRITES_DRAIN_LIMIT, () -> recording.total.get() >= poster.acceptedSoFar());
                long file = probe.take().fileBytes();
                long delivered = to.delivered() - from.delivered();
                long acknowledged = to.acknowledged() - from.acknowledged();
                double written = to.writtenBytes() - from.writtenBytes();
                double seconds = (to.nanos() - from.nanos()) / 1e9;
                progress(f(
                        "writes at %d/s: %.1f KiB written per delivered event (%.1f per acknowledged), %.0f"
                                + " deliveries/s, H2 file %.1f MiB; %d failed, %d dropped; CPU %s",
                        rate,
                        written / 1024 / Math.max(1, delivered),
                        written / 1024 / Math.max(1, acknowledged),
                        delivered / seconds,
                        mib(file),
                        run.failed(run.warmUpCount()),
                        run.dropped(),
                        cpu));
                table.row(
                        f("writes at %d events/s: per delivered event", rate),
                        f("%.1f KiB", written / 1024 / Math.max(1, delivered)),
                        f(
                                "%.0f deliveries/s, H2 file %.1f MiB at the end; %d s after %d s warm-up, %d failed,"
                                        + " %d dropped; CPU %s",
                                delivered / seconds,
                                mib(file),
                                WRITES_RUN.toSeconds(),
                                WRITES_WARM_UP.toSeconds(),
                                run.failed(run.warmUpCount()),
                                run.dropped(),
                                cpu));
            }
        }
    }

    /**
     * An open loop, a SIGKILL of the service mid-load, a restart on the same database: every event acknowledged
     * before the kill must then arrive (by webhook-id); a missing one fails the scenario.
     */
    void crashSoak() throws Exception {
        progress(f(
                "crashsoak: open loop at %d events/s, SIGKILL of the service after %d s (mid-load), restart on the"
                        + " same database, then at most %d s for every acknowledged event to arrive",
                CRASH_RATE, CRASH_SOAK.toSeconds(), CRASH_DRAIN_LIMIT.toSeconds()));
        try (ServiceProcess first = ServiceProcess.service(SERVICE_SETTINGS)) {
            first.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(first.baseUri())
                    .createWebhook("Crash soak", AGENT, receiver.url("/crashsoak"), ServiceApi.ALL_EVENTS);
            Receiver.Recording recording = receiver.record(0);
            OpenLoop.Run run;
            long acknowledgedAtKill;
            long arrivedAtKill;
            try (EventPoster poster = new EventPoster(first.baseUri());
                    ExecutorService loopThread = Executors.newVirtualThreadPerTaskExecutor()) {
                Probe probe = new Probe("crashsoak", first, poster, recording, System.nanoTime());
                Sample start = probe.take();
                Future<OpenLoop.Run> load = loopThread.submit(
                        () -> OpenLoop.run(poster, AGENT, CRASH_RATE, Duration.ZERO, CRASH_SOAK.plus(CRASH_POST_ON)));
                probe.printUntil("load", start.nanos() + CRASH_SOAK.toNanos(), start, load);
                first.kill(); // SIGKILL
                acknowledgedAtKill = poster.acceptedSoFar();
                arrivedAtKill = recording.total.get();
                progress(f(
                        "crashsoak: SIGKILL sent; %d acknowledged and %d deliveries arrived by then",
                        acknowledgedAtKill, arrivedAtKill));
                run = load.get();
            }
            Set<String> acknowledged = new HashSet<>();
            for (int seq = 0; seq < run.total(); seq++) {
                if (run.status()[seq] == 202 && run.eventIds()[seq] != null) {
                    acknowledged.add(run.eventIds()[seq]);
                }
            }
            try (ServiceProcess second = first.restarted()) {
                Duration startUp = second.awaitFirstAnswer(Duration.ofSeconds(60));
                ExactlyOnce check = ExactlyOnce.check(acknowledged, recording, CRASH_DRAIN_LIMIT.minus(startUp));
                second.requireAlive("crashsoak");
                long delivered = acknowledged.size() - check.missing();
                double drainSeconds = startUp.toMillis() / 1e3 + check.drainMillis() / 1e3;
                progress(f(
                        "crashsoak: restarted, first answer after %.1f s; %s of %d acknowledged arrived %.1f s after"
                                + " the restart; missing %d, duplicates %d, arrivals never acknowledged %d",
                        startUp.toMillis() / 1e3,
                        check.drainedText(),
                        acknowledged.size(),
                        drainSeconds,
                        check.missing(),
                        check.duplicates(),
                        check.unexpected()));
                table.row(
                        "crashsoak: acknowledged (202) before SIGKILL",
                        Long.toString(acknowledged.size()),
                        f(
                                "open loop %d events/s, killed after %d s; at the kill %d deliveries had arrived;"
                                        + " %d posts failed (around and after the kill)",
                                CRASH_RATE, CRASH_SOAK.toSeconds(), arrivedAtKill, run.failed(0)));
                table.row(
                        "crashsoak: delivered / missing (by webhook-id)",
                        f("%d / %d", delivered, check.missing()),
                        check.missing() == 0
                                ? "none missing"
                                : "<< DURABILITY FAILURE: acknowledged events lost by the SIGKILL");
                table.row(
                        "crashsoak: duplicates / never acknowledged",
                        f("%d / %d", check.duplicates(), check.unexpected()),
                        "redelivery of what was in flight at the kill; stored events whose 202 the kill cut off");
                table.row(
                        "crashsoak: time to drain after restart",
                        f("%.1f s", drainSeconds),
                        f(
                                "from the restart, incl. %.1f s to the first answer%s",
                                startUp.toMillis() / 1e3,
                                check.drained() ? "" : f("; NOT drained within %d s", CRASH_DRAIN_LIMIT.toSeconds())));
                if (check.missing() > 0) {
                    String loud = f(
                            "DURABILITY FAILURE: %d of %d events acknowledged with 202 before the SIGKILL were never"
                                    + " delivered",
                            check.missing(), acknowledged.size());
                    progress("!".repeat(loud.length()));
                    progress(loud);
                    progress("!".repeat(loud.length()));
                    throw new IllegalStateException(loud);
                }
            }
        }
    }

    private static Duration seconds(String property, long defaultSeconds) {
        return Duration.ofSeconds(Long.getLong(property, defaultSeconds));
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
