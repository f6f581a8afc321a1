package org.agenthooks.bench;

import static org.agenthooks.bench.ApiBenchmark.verdict;
import static org.agenthooks.bench.Table.f;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * The delivery speed figures, in one JVM that holds the receiver (a Helidon WebServer answering 200 at once) and the
 * clients, with the service as a separate process (fresh H2 file per scenario): the ceiling (a plain WebClient
 * POST loop to the receiver), sustained throughput with an exactly-once check, ingest-to-receipt latency at a
 * steady 1,000 events/s, isolation from a dead endpoint, and fan-out to 100 webhooks.
 * With {@code -Dbench.postgres}, {@code twoinstances} runs the throughput measurement against two service processes
 * sharing one database.
 * {@code relay} runs the throughput measurement against {@link BareRelay}: the floor no service can beat here.
 * {@link StorageBenchmark}'s long scenarios ({@code soak}, {@code writes}, {@code crashsoak}) run only when named.
 * Usage: {@code DeliveryBenchmark [all|ceiling|relay|throughput|batch|latency|isolation|deadendpoint|limit8|fanout|twoinstances|jetstream|soak|writes|
 * crashsoak ...]}.
 */
public final class DeliveryBenchmark {
    static final List<String> SCENARIOS = List.of(
            "ceiling",
            "relay",
            "throughput",
            "batch",
            "latency",
            "isolation",
            "deadendpoint",
            "limit8",
            "fanout",
            "twoinstances",
            "jetstream");
    static final int IN_FLIGHT = Integer.getInteger("bench.posters", 64);
    /** Events per request in the {@code batch} scenario, and how many batches are in flight at once. */
    static final int BATCH_SIZE = Integer.getInteger("bench.batchSize", 100);

    static final int BATCH_POSTERS = Integer.getInteger("bench.batchPosters", 8);
    static final Duration CEILING_WARM_UP = Duration.ofSeconds(Long.getLong("bench.ceilingWarmUpSeconds", 60));
    static final Duration CEILING_RUN = Duration.ofSeconds(10);
    static final Duration THROUGHPUT_RUN = Duration.ofSeconds(Long.getLong("bench.throughputSeconds", 90));
    static final Duration STEADY_SKIP_START = Duration.ofSeconds(Long.getLong("bench.steadySkipSeconds", 60));
    static final Duration STEADY_SKIP_END = Duration.ofSeconds(3);
    static final Duration THROUGHPUT_DRAIN_LIMIT = Duration.ofSeconds(90);
    static final int RATE = 1_000;
    static final Duration RATE_WARM_UP = Duration.ofSeconds(Long.getLong("bench.rateWarmUpSeconds", 60));
    static final Duration RATE_RUN = Duration.ofSeconds(15);
    static final Duration RATE_DRAIN_LIMIT = Duration.ofSeconds(30);
    /** A gentler rate, run after the 1,000/s one on the same service, to tell latency apart from overload. */
    static final int LOW_RATE = 200;

    static final Duration LOW_RATE_RUN = Duration.ofSeconds(10);
    static final int FAN_OUT = 100;
    static final int FAN_OUT_EVENTS = 5;
    static final int MAX_REQUESTS = 5_000_000;
    static final String AGENT = ServiceProcess.AGENT_OTHER;
    /** Settings the service runs with in every scenario: all deliveries go to one endpoint, the receiver. */
    static final Map<String, String> SERVICE_SETTINGS = Map.of("DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT", "256");

    private static final HeaderName WEBHOOK_ID = HeaderNames.create("webhook-id");
    private static final HeaderName WEBHOOK_TIMESTAMP = HeaderNames.create("webhook-timestamp");
    private static final HeaderName WEBHOOK_SIGNATURE = HeaderNames.create("webhook-signature");

    private final Receiver receiver;
    private final Table table = new Table("Delivery benchmark");
    private boolean failed;

    private DeliveryBenchmark(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Ingest-to-receipt figures of one steady-rate run, latencies in microseconds. */
    record RateFigures(
            long p50,
            long p90,
            long p99,
            long max,
            double deliveriesPerSecond,
            int accepted,
            int failed,
            long missing,
            long duplicates,
            int dropped,
            long maxLagMicros) {}

    public static void main(String[] args) throws Exception {
        Set<String> chosen = new LinkedHashSet<>();
        for (String arg : args.length == 0 ? new String[] {"all"} : args) {
            if (arg.equals("all")) {
                chosen.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(arg) || StorageBenchmark.SCENARIOS.contains(arg)) {
                chosen.add(arg);
            } else {
                throw new IllegalArgumentException("unknown scenario " + arg + "; choose from all " + SCENARIOS + " "
                        + StorageBenchmark.SCENARIOS);
            }
        }
        System.out.println(Environment.describe());
        System.out.println(Environment.idleCheck());
        System.out.println(
                "service settings (environment) in every scenario: " + SERVICE_SETTINGS
                        + " + SERVER_PORT, SERVER_HOST=127.0.0.1, DEMO_API_KEY, DB_CONNECTION_URL=jdbc:h2:file:<fresh temp"
                        + " dir>/webhooks" + ServiceProcess.h2Settings()
                        + "; other settings at their defaults (max-in-flight 1024, attempt-timeout PT7S, lease PT15S, db pool 16)");
        try (Receiver receiver = new Receiver()) {
            DeliveryBenchmark bench = new DeliveryBenchmark(receiver);
            Double ceiling = chosen.contains("ceiling") ? bench.scenario("ceiling", bench::ceiling) : null;
            Double relay = chosen.contains("relay") ? bench.scenario("relay", () -> bench.relay(ceiling)) : null;
            Double single = chosen.contains("throughput")
                    ? bench.scenario("throughput", () -> bench.throughput(ceiling, relay))
                    : null;
            if (chosen.contains("batch")) {
                bench.scenario("batch", () -> bench.batch(relay, single));
            }
            RateFigures alone = null;
            if (chosen.contains("latency") || chosen.contains("isolation")) {
                alone = bench.scenario("latency", bench::latency);
            }
            if (chosen.contains("isolation")) {
                RateFigures without = alone;
                bench.scenario("isolation", () -> bench.isolation(without));
            }
            if (chosen.contains("deadendpoint")) {
                bench.scenario("dead endpoint", () -> {
                    bench.deadEndpoint();
                    return null;
                });
            }
            if (chosen.contains("limit8")) {
                bench.scenario("limit8", () -> {
                    bench.limit8();
                    return null;
                });
            }
            if (chosen.contains("fanout")) {
                bench.scenario("fan-out", () -> {
                    bench.fanOut();
                    return null;
                });
            }
            if (chosen.contains("twoinstances")) {
                if (PostgresDatabases.wanted().isEmpty()) {
                    progress("twoinstances: skipped, it needs one shared database: -Dbench.postgres=HOST:PORT");
                    bench.table.row("two instances, one database", "skipped", "needs -Dbench.postgres=HOST:PORT");
                } else {
                    bench.scenario("two instances", () -> {
                        bench.twoInstances(single);
                        return null;
                    });
                }
            }
            if (chosen.contains("jetstream")) {
                bench.scenario("jetstream", () -> {
                    new JetStreamBenchmark(receiver, bench.table).run(single);
                    return null;
                });
            }
            StorageBenchmark storage = new StorageBenchmark(receiver, bench.table);
            for (String name : StorageBenchmark.SCENARIOS) {
                if (!chosen.contains(name)) {
                    continue;
                }
                if (StorageBenchmark.H2_ONLY.contains(name)
                        && PostgresDatabases.wanted().isPresent()) {
                    progress(name + ": skipped, it measures the H2 file: run it without -Dbench.postgres");
                    bench.table.row(name, "skipped", "H2 only");
                    continue;
                }
                bench.scenario(name, () -> {
                    switch (name) {
                        case "soak" -> storage.soak();
                        case "writes" -> storage.writes();
                        default -> storage.crashSoak();
                    }
                    return null;
                });
            }
            bench.table.print();
            if (bench.failed) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** Runs one scenario; if it fails, says so in the table and goes on with the next. */
    private <T> T scenario(String name, Callable<T> run) {
        progress(name + ": " + Environment.awaitQuiet(ApiBenchmark.QUIET_WAIT_SECONDS));
        try {
            return run.call();
        } catch (Exception e) {
            failed = true;
            progress(name + " FAILED: " + e.getMessage());
            table.row(name, "FAILED", String.valueOf(e.getMessage()));
            return null;
        }
    }

    /** A plain WebClient POST loop to the receiver: same payload, same in-flight count, no service in between. */
    private double ceiling() throws Exception {
        progress("ceiling: " + IN_FLIGHT + " virtual threads POSTing 1 KB events straight to the receiver, "
                + CEILING_WARM_UP.toSeconds() + " s warm-up + " + CEILING_RUN.toSeconds() + " s");
        Receiver.Recording recording = receiver.record(0);
        WebClient client = EventPoster.client("http://127.0.0.1:" + receiver.port());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long from = start + CEILING_WARM_UP.toNanos();
        long to = from + CEILING_RUN.toNanos();
        long okAtFrom;
        long okAtTo;
        CpuSample cpu;
        try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < IN_FLIGHT; i++) {
                posters.execute(() -> {
                    long seq;
                    while (System.nanoTime() < to && (seq = next.getAndIncrement()) < MAX_REQUESTS) {
                        String id = "evt_ceiling" + seq;
                        byte[] body = Payloads.delivered(id, AGENT, seq);
                        try (HttpClientResponse response = client.post("/ceiling")
                                .header(HeaderValues.CONTENT_TYPE_JSON)
                                .header(WEBHOOK_ID, id)
                                .header(WEBHOOK_TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000))
                                .header(WEBHOOK_SIGNATURE, "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")
                                .submit(body)) {
                            (response.status().code() == 200 ? ok : failed).incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            sleepUntil(from);
            okAtFrom = ok.get();
            cpu = CpuSample.start(null);
            sleepUntil(to);
            okAtTo = ok.get();
            cpu = cpu.end();
            posters.shutdown();
            posters.awaitTermination(60, TimeUnit.SECONDS);
        }
        client.closeResource();
        double perSecond = (okAtTo - okAtFrom) / (CEILING_RUN.toNanos() / 1e9);
        double atReceiver = recording.arrivedBetween(from, to) / recording.binnedSeconds(from, to);
        progress(f(
                "ceiling: %.0f POST/s (receiver counted %.0f/s), %d failed; CPU %s",
                perSecond, atReceiver, failed.get(), cpu));
        table.row(
                "ceiling: WebClient POST loop to receiver",
                f("%.0f POST/s", perSecond),
                f(
                        "%d in flight, %d s after %d s warm-up, %d failed; CPU %s",
                        IN_FLIGHT, CEILING_RUN.toSeconds(), CEILING_WARM_UP.toSeconds(), failed.get(), cpu));
        return perSecond;
    }

    /** A closed-loop run from now: posting until {@code end}, measured from {@code from} to {@code to} (nanoTime). */
    private record ClosedLoopWindow(long start, long end, long from, long to) {
        static ClosedLoopWindow startingNow() {
            long start = System.nanoTime();
            long end = start + THROUGHPUT_RUN.toNanos();
            return new ClosedLoopWindow(
                    start, end, start + STEADY_SKIP_START.toNanos(), end - STEADY_SKIP_END.toNanos());
        }
    }

    /** What one closed-loop run measured: steady rates, the backlog and drain, exactly-once, CPU per server. */
    private record ClosedLoopRun(
            double deliveries,
            double seconds,
            double ingest,
            double overall,
            long delivered,
            long backlog,
            ClosedLoop loop,
            ExactlyOnce check,
            List<CpuSample> cpu) {}

    /**
     * Posts events in a closed loop for a while, the posters spread evenly over {@code servers}; sustained
     * deliveries/s at the receiver, then every 202 arrived exactly once.
     */
    private ClosedLoopRun closedLoop(String name, List<ServiceProcess> servers) throws Exception {
        return closedLoop(name, servers, IN_FLIGHT, 1);
    }

    private ClosedLoopRun closedLoop(String name, List<ServiceProcess> servers, int inFlight, int batchSize)
            throws Exception {
        Receiver.Recording recording = receiver.record(0);
        ClosedLoopWindow window = ClosedLoopWindow.startingNow();
        List<CpuSample> cpu = new ArrayList<>();
        long acceptedAtEnd;
        long receivedAtEnd;
        ClosedLoop loop;
        List<EventPoster> posters = servers.stream()
                .map(server -> new EventPoster(server.baseUri()))
                .toList();
        try {
            loop = ClosedLoop.start(posters, inFlight, batchSize, window.end(), MAX_REQUESTS, AGENT, recording);
            sleepUntil(window.from());
            servers.forEach(server -> cpu.add(CpuSample.start(server)));
            sleepUntil(window.to());
            cpu.replaceAll(CpuSample::end);
            sleepUntil(window.end());
            acceptedAtEnd = loop.accepted.size();
            // A delivery can reach the receiver before its 202 reaches the poster, so this may be slightly low.
            receivedAtEnd = Math.min(recording.total.get(), acceptedAtEnd);
            loop.finish(name);
        } finally {
            posters.forEach(EventPoster::close);
        }
        ExactlyOnce check = ExactlyOnce.check(loop.accepted, recording, THROUGHPUT_DRAIN_LIMIT);
        servers.forEach(server -> server.requireAlive(name));
        double seconds = recording.binnedSeconds(window.from(), window.to());
        double deliveries = recording.arrivedBetween(window.from(), window.to()) / seconds;
        double ingest = loop.acceptedPerSecond(recording, window.from(), window.to());
        long lastArrival = recording.perId.values().stream()
                .mapToLong(a -> a.lastNanos.get())
                .max()
                .orElse(window.start());
        double overall = recording.total.get() / ((lastArrival - window.start()) / 1e9);
        long backlog = acceptedAtEnd - receivedAtEnd;
        progress(f(
                "%s: %.0f deliveries/s steady, %.0f accepted events/s; %d accepted, %d not, backlog at end of"
                        + " posting %d, drained in %d ms (%s), missing %d, duplicates %d, unacknowledged arrivals"
                        + " %d; CPU %s",
                name,
                deliveries,
                ingest,
                loop.accepted.size(),
                loop.notAccepted.get(),
                backlog,
                check.drainMillis(),
                check.drainedText(),
                check.missing(),
                check.duplicates(),
                check.unexpected(),
                cpu));
        return new ClosedLoopRun(
                deliveries, seconds, ingest, overall, recording.total.get(), backlog, loop, check, cpu);
    }

    private void exactlyOnceRow(String name, ClosedLoopRun run) {
        table.row(
                name + ": exactly once (by webhook-id)",
                run.check().holds() ? "yes" : "NO",
                f(
                        "%d accepted, %d non-202, missing %d, duplicates %d, arrivals not acknowledged %d",
                        run.loop().accepted.size(),
                        run.loop().notAccepted.get(),
                        run.check().missing(),
                        run.check().duplicates(),
                        run.check().unexpected()));
    }

    /** The service's sustained deliveries/s, against the ceiling and the relay's floor when they were measured. */
    private double throughput(Double ceiling, Double relay) throws Exception {
        progress("throughput: " + IN_FLIGHT + " posters for " + THROUGHPUT_RUN.toSeconds() + " s, steady window "
                + STEADY_SKIP_START.toSeconds() + " s after the start to " + STEADY_SKIP_END.toSeconds()
                + " s before the end");
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Throughput", AGENT, receiver.url("/throughput"), ServiceApi.ALL_EVENTS);
            ClosedLoopRun run = closedLoop("throughput", List.of(service));
            table.row(
                    "throughput: sustained deliveries/s",
                    f("%.0f /s", run.deliveries()),
                    f(
                            "steady %.0f s of %d s, %d posters; events accepted (202) %.0f /s",
                            run.seconds(), THROUGHPUT_RUN.toSeconds(), IN_FLIGHT, run.ingest()));
            if (ceiling != null) {
                double ratio = run.deliveries() / ceiling;
                table.row(
                        "throughput / ceiling", f("%.1f %%", ratio * 100), ">= 30 %, aim 50 %" + verdict(ratio >= 0.3));
            }
            if (relay != null) {
                table.row(
                        "throughput / relay",
                        f("%.1f %%", run.deliveries() / relay * 100),
                        "share of the floor's rate that the service reaches");
            }
            table.row(
                    "throughput: whole run incl. drain",
                    f("%.0f /s", run.overall()),
                    f(
                            "%d delivered; backlog when posting stopped %d; drain %d ms",
                            run.delivered(), run.backlog(), run.check().drainMillis()));
            exactlyOnceRow("throughput", run);
            table.row("throughput: CPU in steady window", run.cpu().getFirst().toString(), "2 cores = 200 %");
            return run.deliveries();
        }
    }

    /**
     * The throughput run with {@value #BATCH_SIZE}-event batches ({@code POST /v1/events/batch}) from
     * {@link #BATCH_POSTERS} posters: against the relay, which must make one request per event, in the same run.
     */
    private double batch(Double relay, Double single) throws Exception {
        progress("batch: " + BATCH_POSTERS + " posters of " + BATCH_SIZE + "-event batches for "
                + THROUGHPUT_RUN.toSeconds() + " s, steady window as in throughput");
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Batch", AGENT, receiver.url("/batch"), ServiceApi.ALL_EVENTS);
            ClosedLoopRun run = closedLoop("batch", List.of(service), BATCH_POSTERS, BATCH_SIZE);
            table.row(
                    "batch: sustained deliveries/s",
                    f("%.0f /s", run.deliveries()),
                    f(
                            "steady %.0f s of %d s, %d posters of %d-event batches; events accepted (202) %.0f /s",
                            run.seconds(), THROUGHPUT_RUN.toSeconds(), BATCH_POSTERS, BATCH_SIZE, run.ingest()));
            if (relay != null) {
                double ratio = run.deliveries() / relay;
                table.row("batch / relay", f("%.1f %%", ratio * 100), ">= 100 %" + verdict(ratio >= 1.0));
            }
            if (single != null) {
                table.row(
                        "batch / throughput",
                        f("%.1f %%", run.deliveries() / single * 100),
                        "against single-event posts in the same run");
            }
            table.row(
                    "batch: whole run incl. drain",
                    f("%.0f /s", run.overall()),
                    f(
                            "%d delivered; backlog when posting stopped %d; drain %d ms",
                            run.delivered(), run.backlog(), run.check().drainMillis()));
            exactlyOnceRow("batch", run);
            table.row("batch: CPU in steady window", run.cpu().getFirst().toString(), "2 cores = 200 %");
            return run.deliveries();
        }
    }

    /**
     * The floor: the throughput run against {@link BareRelay}, which only forwards each event to the receiver.
     * No webhook service can go faster here, so relay / ceiling bounds every service's throughput / ceiling.
     */
    private double relay(Double ceiling) throws Exception {
        progress("relay: the throughput run against a bare forwarding relay (no storage, no signing)");
        try (ServiceProcess relay = ServiceProcess.relay(receiver.url("/relay"))) {
            relay.awaitFirstAnswer(Duration.ofSeconds(60));
            ClosedLoopRun run = closedLoop("relay", List.of(relay));
            table.row(
                    "relay (floor): forwarded deliveries/s",
                    f("%.0f /s", run.deliveries()),
                    f("same closed loop, steady %.0f s; two HTTP hops per event and nothing else", run.seconds()));
            if (ceiling != null) {
                table.row(
                        "relay / ceiling",
                        f("%.1f %%", run.deliveries() / ceiling * 100),
                        "the most any webhook service's throughput / ceiling can be on this machine");
            }
            exactlyOnceRow("relay", run);
            table.row("relay: CPU in steady window", run.cpu().getFirst().toString(), "2 cores = 200 %");
            return run.deliveries();
        }
    }

    /**
     * The throughput run against two service processes on one PostgreSQL database, half the posters on
     * each; the pair's sustained deliveries/s against one instance's, and every 202 delivered exactly once.
     */
    private void twoInstances(Double single) throws Exception {
        progress("two instances: two services on one database, " + IN_FLIGHT / 2 + " posters on each for "
                + THROUGHPUT_RUN.toSeconds() + " s, steady window as in throughput");
        Map<String, String> settings = new LinkedHashMap<>(SERVICE_SETTINGS);
        // e.g. -Dbench.instanceJavaOptions=-XX:ActiveProcessorCount=1: each instance sizes itself to half the machine
        Optional.ofNullable(System.getProperty("bench.instanceJavaOptions"))
                .ifPresent(options -> settings.put("JAVA_TOOL_OPTIONS", options));
        try (ServiceProcess a = ServiceProcess.service(settings)) {
            a.awaitFirstAnswer(Duration.ofSeconds(60)); // A has migrated the schema before B starts
            Map<String, String> shared = new LinkedHashMap<>(settings);
            shared.put("DB_CONNECTION_URL", a.settings().get("DB_CONNECTION_URL"));
            shared.put("DB_CONNECTION_USERNAME", a.settings().get("DB_CONNECTION_USERNAME"));
            try (ServiceProcess b = ServiceProcess.service(shared)) { // closed first; A drops the database
                b.awaitFirstAnswer(Duration.ofSeconds(60));
                new ServiceApi(a.baseUri())
                        .createWebhook("Two instances", AGENT, receiver.url("/twoinstances"), ServiceApi.ALL_EVENTS);
                ClosedLoopRun run = closedLoop("two instances", List.of(a, b));
                CpuSample cpuA = run.cpu().get(0);
                CpuSample cpuB = run.cpu().get(1);
                double deliveries = run.deliveries();
                double others = Math.max(
                        0, cpuA.machinePercent() - cpuA.servicePercent() - cpuB.servicePercent() - cpuA.benchPercent());
                String cpu = f(
                        "service A %.0f %%, service B %.0f %%, bench JVM %.0f %%, PostgreSQL and others %.0f %%"
                                + " (machine %.0f %%)",
                        cpuA.servicePercent(),
                        cpuB.servicePercent(),
                        cpuA.benchPercent(),
                        others,
                        cpuA.machinePercent());
                table.row(
                        "two instances: sustained deliveries/s",
                        f("%.0f /s", deliveries),
                        f(
                                "one database, steady %.0f s of %d s, %d posters on each",
                                run.seconds(), THROUGHPUT_RUN.toSeconds(), IN_FLIGHT / 2));
                if (single != null) {
                    double ratio = deliveries / single;
                    table.row(
                            "two instances / one instance",
                            f("%.1f %%", ratio * 100),
                            f(">= 90 %%%s (%.0f vs %.0f /s)", verdict(ratio >= 0.9), deliveries, single));
                }
                exactlyOnceRow("two instances", run);
                table.row(
                        "two instances: accepted by A / B",
                        f(
                                "%d / %d",
                                run.loop().acceptedOn.get(0),
                                run.loop().acceptedOn.get(1)),
                        "posters spread evenly over both");
                table.row("two instances: CPU in steady window", cpu, "2 cores = 200 %");
            }
        }
    }

    private RateFigures latency() throws Exception {
        progress("latency: open loop at " + RATE + " events/s, " + RATE_WARM_UP.toSeconds() + " s warm-up + "
                + RATE_RUN.toSeconds() + " s measured, one webhook");
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Latency", AGENT, receiver.url("/latency"), ServiceApi.ALL_EVENTS);
            RateFigures figures = steadyRate(service, "latency", RATE, RATE_WARM_UP, RATE_RUN);
            table.row(
                    "latency: ingest-to-receipt p50 / p90",
                    f("%s / %s", ms(figures.p50()), ms(figures.p90())),
                    "p50 < 5 ms" + verdict(figures.p50() < 5_000));
            table.row(
                    "latency: ingest-to-receipt p99 / max",
                    f("%s / %s", ms(figures.p99()), ms(figures.max())),
                    "p99 < 20 ms" + verdict(figures.p99() < 20_000));
            table.row(
                    "latency: run", f("%.0f deliveries/s", figures.deliveriesPerSecond()), rateNote(figures, RATE_RUN));
            RateFigures low =
                    steadyRate(service, "latency at " + LOW_RATE + "/s", LOW_RATE, Duration.ZERO, LOW_RATE_RUN);
            table.row(
                    f("context: at %d events/s p50 / p99 / max", LOW_RATE),
                    f("%s / %s / %s", ms(low.p50()), ms(low.p99()), ms(low.max())),
                    f(
                            "same service right after; %.0f deliveries/s; %s",
                            low.deliveriesPerSecond(), rateNote(low, LOW_RATE_RUN)));
            return figures;
        }
    }

    private RateFigures isolation(RateFigures alone) throws Exception {
        progress("isolation: the same open loop, each event also to a webhook whose receiver never answers");
        Map<String, String> settings = new LinkedHashMap<>(SERVICE_SETTINGS);
        settings.put("DELIVERY_ATTEMPT_TIMEOUT", "PT15S");
        // The lease must be longer than twice the attempt timeout.
        settings.put("DELIVERY_LEASE", "PT31S");
        try (BlackHole dead = new BlackHole();
                ServiceProcess service = ServiceProcess.service(settings)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            ServiceApi api = new ServiceApi(service.baseUri());
            api.createWebhook("Healthy", AGENT, receiver.url("/isolation"), ServiceApi.ALL_EVENTS);
            api.createWebhook("Dead", AGENT, dead.url("/dead"), ServiceApi.ALL_EVENTS);
            RateFigures figures = steadyRate(service, "isolation", RATE, RATE_WARM_UP, RATE_RUN);
            progress("isolation: the dead receiver accepted " + dead.accepted() + " connections");
            table.row(
                    "isolation: healthy p50 / p99 with dead one",
                    f("%s / %s", ms(figures.p50()), ms(figures.p99())),
                    f("%d connections held open by the dead receiver", dead.accepted()));
            if (alone != null) {
                double p99Ratio = figures.p99() / (double) Math.max(1, alone.p99());
                double drop = 1 - figures.deliveriesPerSecond() / alone.deliveriesPerSecond();
                table.row(
                        "isolation: healthy p99 with / without",
                        f("%.2fx", p99Ratio),
                        f("< 2x%s (%s vs %s)", verdict(p99Ratio < 2), ms(figures.p99()), ms(alone.p99())));
                table.row(
                        "isolation: healthy deliveries/s with / without",
                        f("%.0f / %.0f", figures.deliveriesPerSecond(), alone.deliveriesPerSecond()),
                        f("drop <= 20 %%%s (%.1f %%)", verdict(drop <= 0.2), drop * 100));
            }
            table.row(
                    "isolation: run",
                    f("%.0f deliveries/s", figures.deliveriesPerSecond()),
                    rateNote(figures, RATE_RUN));
            service.kill(); // in-flight attempts to the dead receiver would hold a graceful stop for its grace period
            return figures;
        }
    }

    /**
     * A healthy receiver alone, then on a fresh service beside a webhook whose endpoint accepts connections and never
     * answers: the healthy one's p99 and rate, the connections the dead endpoint holds 30 s into the load (counted
     * at the dead endpoint), and each service's heap after a full collection at the end of its run.
     */
    private void deadEndpoint() throws Exception {
        // The shipped attempt timeout and lease: what the dead endpoint costs as the service is configured.
        Map<String, String> settings = new LinkedHashMap<>(SERVICE_SETTINGS);
        progress("deadendpoint: " + RATE + " events/s, " + RATE_WARM_UP.toSeconds() + " s warm-up + "
                + RATE_RUN.toSeconds() + " s measured, healthy receiver alone, then beside a dead endpoint");
        RateFigures alone;
        HeapProbe.Reading heapAlone;
        try (ServiceProcess service = ServiceProcess.service(settings)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Healthy", AGENT, receiver.url("/alone"), ServiceApi.ALL_EVENTS);
            Thread sampler = heapSampler(service, "deadendpoint (alone)");
            alone = steadyRate(service, "deadendpoint (alone)", RATE, RATE_WARM_UP, RATE_RUN);
            sampler.join();
            heapAlone = HeapProbe.read(service.pid());
        }
        try (BlackHole dead = new BlackHole();
                ServiceProcess service = ServiceProcess.service(settings)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            ServiceApi api = new ServiceApi(service.baseUri());
            api.createWebhook("Healthy", AGENT, receiver.url("/beside-dead"), ServiceApi.ALL_EVENTS);
            api.createWebhook("Dead", AGENT, dead.url("/dead"), ServiceApi.ALL_EVENTS);
            int[] heldAt30s = {-1};
            Thread counter = Thread.ofVirtual().start(() -> {
                try {
                    for (int second = 5; second <= 30; second += 5) {
                        Thread.sleep(Duration.ofSeconds(5));
                        heldAt30s[0] = dead.openNow();
                        progress("deadendpoint: the dead endpoint holds " + heldAt30s[0] + " connections " + second
                                + " s into the load (" + dead.accepted() + " accepted so far)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread sampler = heapSampler(service, "deadendpoint (beside dead)");
            RateFigures with = steadyRate(service, "deadendpoint (beside dead)", RATE, RATE_WARM_UP, RATE_RUN);
            counter.join();
            sampler.join();
            int heldAtEnd = dead.openNow();
            HeapProbe.Reading heapWith = HeapProbe.read(service.pid());
            double p99Ratio = with.p99() / (double) Math.max(1, alone.p99());
            double drop = 1 - with.deliveriesPerSecond() / alone.deliveriesPerSecond();
            double heapRatio = heapWith.usedKib() / (double) Math.max(1, heapAlone.usedKib());
            double liveRatio = heapWith.liveKib() / (double) Math.max(1, heapAlone.liveKib());
            table.row(
                    "deadendpoint: healthy p99 beside dead / alone",
                    f("%.2fx", p99Ratio),
                    f("< 2x%s (%s vs %s)", verdict(p99Ratio < 2), ms(with.p99()), ms(alone.p99())));
            table.row(
                    "deadendpoint: healthy deliveries/s beside dead / alone",
                    f("%.0f / %.0f", with.deliveriesPerSecond(), alone.deliveriesPerSecond()),
                    f("drop <= 5 %%%s (%.1f %%)", verdict(drop <= 0.05), drop * 100));
            table.row(
                    "deadendpoint: connections the dead endpoint holds",
                    f("%d after 30 s, %d at the end", heldAt30s[0], heldAtEnd),
                    f("<= 4 after 30 s%s (%d accepted in all)", verdict(heldAt30s[0] <= 4), dead.accepted()));
            long loadSeconds = RATE_WARM_UP.toSeconds() + RATE_RUN.toSeconds();
            table.row(
                    "deadendpoint: live heap (class histogram), beside dead / alone",
                    f("%d / %d KiB = %.2f", heapWith.liveKib(), heapAlone.liveKib(), liveRatio),
                    f(
                            "within 10 %%%s, after %d s of load (target: after 5 minutes); histograms kept in %s"
                                    + " and %s",
                            verdict(liveRatio <= 1.1),
                            loadSeconds,
                            HeapProbe.keep(heapAlone, "deadendpoint-alone"),
                            HeapProbe.keep(heapWith, "deadendpoint-beside-dead")));
            table.row(
                    "deadendpoint: G1 used heap after GC.run, beside dead / alone (the earlier figure)",
                    f("%d / %d KiB = %.2f", heapWith.usedKib(), heapAlone.usedKib(), heapRatio),
                    f("regions' used bytes, after %d s of load", loadSeconds));
            List<String> grown = heapWith.grownBeyond(heapAlone, 12);
            for (int i = 0; i < grown.size(); i++) {
                table.row("deadendpoint: live heap beside dead, class " + (i + 1), grown.get(i), "against alone");
            }
            table.row(
                    "deadendpoint: runs",
                    f("%s; %s", rateNote(alone, RATE_RUN), rateNote(with, RATE_RUN)),
                    "alone; beside dead");
            service.kill(); // the probe to the dead endpoint would hold a graceful stop for its grace period
        }
    }

    /**
     * Reads the service's heap (after full collections) every 60 s of the warm-up, stopping 10 s before the measured
     * window so that its pauses stay out of it: whether the live heap grows with the run or levels off.
     */
    private static Thread heapSampler(ServiceProcess service, String name) {
        long until = System.nanoTime() + RATE_WARM_UP.minusSeconds(10).toNanos();
        return Thread.ofVirtual().start(() -> {
            try {
                for (int minute = 1; ; minute++) {
                    Thread.sleep(Duration.ofSeconds(60));
                    if (System.nanoTime() > until) {
                        return;
                    }
                    HeapProbe.Reading reading = HeapProbe.read(service.pid());
                    progress(f(
                            "%s: live heap %,d KiB, G1 used %,d KiB after %d s of load",
                            name, reading.liveKib(), reading.usedKib(), minute * 60));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * One webhook to a receiver that serves at most 8 requests at once (50 ms each) and answers 429 beyond, at a rate
     * a little above what 8 at once can serve: how many the service keeps in flight, and that every event arrives
     * exactly once.
     */
    private void limit8() throws Exception {
        int rate = 180;
        Duration load = Duration.ofSeconds(Long.getLong("bench.limit8Seconds", 30));
        Map<String, String> settings = Map.of(
                "DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT", "64",
                "DELIVERY_SCHEDULE", "0s, 1s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s, 2s");
        progress("limit8: " + rate + " events/s for " + load.toSeconds() + " s to a receiver serving at most 8 at once"
                + " (50 ms each, 160/s), 429 beyond; service at max-in-flight-per-endpoint 64");
        try (LimitedReceiver limited = new LimitedReceiver(8, Duration.ofMillis(50));
                ServiceProcess service = ServiceProcess.service(settings)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("Limited", AGENT, limited.url("/limit8"), ServiceApi.ALL_EVENTS);
            limited.startSampling();
            OpenLoop.Run run;
            try (EventPoster poster = new EventPoster(service.baseUri())) {
                run = OpenLoop.run(poster, AGENT, rate, Duration.ZERO, load);
            }
            int acceptedEvents = 0;
            for (int status : run.status()) {
                acceptedEvents += status == 202 ? 1 : 0;
            }
            int expected = acceptedEvents;
            long started = System.nanoTime();
            boolean all = await(Duration.ofSeconds(120), () -> limited.distinctAccepted() >= expected);
            long drainMillis = (System.nanoTime() - started) / 1_000_000;
            limited.stopSampling();
            table.row(
                    "limit8: served at once at the receiver, mean / most",
                    f("%.2f / %d", limited.meanServing(), limited.mostServing()),
                    "about 8 (reported), sampled every ms from the first event until all arrived");
            table.row(
                    "limit8: 429 answers / events",
                    f("%d / %d", limited.refused(), expected),
                    "attempts refused for being over 8 at once, each retried on the schedule");
            table.row(
                    "limit8: exactly once",
                    f("%d of %d arrived, %d twice", limited.distinctAccepted(), expected, limited.acceptedTwice()),
                    f(
                            "none lost or doubled%s; drained %d ms after the load",
                            verdict(all && limited.distinctAccepted() == expected && limited.acceptedTwice() == 0),
                            drainMillis));
            service.kill();
        }
    }

    /** The open-loop run both latency and isolation use; counts only arrivals at the healthy receiver. */
    private RateFigures steadyRate(ServiceProcess service, String name, int rate, Duration warmUp, Duration measured)
            throws Exception {
        int total = (int) (rate * (warmUp.toSeconds() + measured.toSeconds()));
        Receiver.Recording recording = receiver.record(total);
        OpenLoop.Run run;
        CpuSample cpu;
        try (EventPoster poster = new EventPoster(service.baseUri())) {
            long measureFrom = System.nanoTime() + 20_000_000L + warmUp.toNanos();
            CpuSample[] sample = new CpuSample[1];
            Thread sampler = Thread.ofVirtual().start(() -> {
                try {
                    sleepUntil(measureFrom);
                    sample[0] = CpuSample.start(service);
                    sleepUntil(measureFrom + measured.toNanos());
                    sample[0] = sample[0].end();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            run = OpenLoop.run(poster, AGENT, rate, warmUp, measured);
            sampler.join(30_000);
            cpu = sample[0];
            if (poster.firstProblem() != null) {
                progress(name + ": first problem posting: " + poster.firstProblem());
            }
        }
        OpenLoop.Run finished = run;
        await(RATE_DRAIN_LIMIT, () -> {
            for (int seq = finished.warmUpCount(); seq < finished.total(); seq++) {
                if (finished.status()[seq] == 202 && recording.firstArrivalBySeq.get(seq) == 0) {
                    return false;
                }
            }
            return true;
        });
        service.requireAlive(name);
        Histogram histogram = new Histogram(3);
        long missing = 0;
        for (int seq = run.warmUpCount(); seq < run.total(); seq++) {
            if (run.status()[seq] != 202) {
                continue;
            }
            long arrived = recording.firstArrivalBySeq.get(seq);
            if (arrived == 0) {
                missing++;
            } else {
                histogram.recordValue(Math.max(0, (arrived - run.sentNanos()[seq]) / 1_000));
            }
        }
        double deliveries = recording.arrivedBetween(run.measureFromNanos(), run.endNanos())
                / recording.binnedSeconds(run.measureFromNanos(), run.endNanos());
        RateFigures figures = new RateFigures(
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                histogram.getMaxValue(),
                deliveries,
                run.accepted(run.warmUpCount()),
                run.failed(run.warmUpCount()),
                missing,
                recording.duplicates(),
                run.dropped(),
                run.maxLagNanos() / 1_000);
        progress(f(
                "%s: p50 %s, p90 %s, p99 %s, max %s; %.0f deliveries/s; %s; CPU %s",
                name,
                ms(figures.p50()),
                ms(figures.p90()),
                ms(figures.p99()),
                ms(figures.max()),
                deliveries,
                rateNote(figures, measured),
                cpu));
        table.row(name + ": CPU in measured window", String.valueOf(cpu), "2 cores = 200 %");
        return figures;
    }

    private static String rateNote(RateFigures figures, Duration measured) {
        return f(
                "%d accepted (202) in the measured %d s, %d failed, %d missing, %d duplicates, %d dropped by"
                        + " generator, max schedule lag %s",
                figures.accepted(),
                measured.toSeconds(),
                figures.failed(),
                figures.missing(),
                figures.duplicates(),
                figures.dropped(),
                ms(figures.maxLagMicros()));
    }

    /** One event to 100 webhooks of one agent; the time from POST to the 100th receipt, a few times over. */
    private void fanOut() throws Exception {
        progress("fan-out: " + FAN_OUT + " webhooks on one agent, " + FAN_OUT_EVENTS + " events one after another");
        try (ServiceProcess service = ServiceProcess.service(SERVICE_SETTINGS)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            ServiceApi api = new ServiceApi(service.baseUri());
            for (int i = 0; i < FAN_OUT; i++) {
                api.createWebhook(
                        f("Fan-out %03d", i), AGENT, receiver.url(f("/fanout/%03d", i)), ServiceApi.ALL_EVENTS);
            }
            Receiver.Recording recording = receiver.record(0);
            List<String> times = new ArrayList<>();
            long[] millis = new long[FAN_OUT_EVENTS];
            boolean allReceived = true;
            try (EventPoster poster = new EventPoster(service.baseUri())) {
                for (int n = 0; n < FAN_OUT_EVENTS; n++) {
                    long sent = System.nanoTime();
                    EventPoster.Answer answer = poster.post(Payloads.event(AGENT, n));
                    long answered = System.nanoTime();
                    if (!answer.accepted()) {
                        throw new IllegalStateException("fan-out event not accepted: " + poster.firstProblem());
                    }
                    String id = answer.eventId();
                    await(Duration.ofSeconds(15), () -> {
                        Receiver.Arrivals arrivals = recording.perId.get(id);
                        return arrivals != null && arrivals.count.get() >= FAN_OUT;
                    });
                    Receiver.Arrivals arrivals = recording.perId.get(id);
                    int count = arrivals == null ? 0 : arrivals.count.get();
                    long paths = recording.perIdAndPath.keySet().stream()
                            .filter(key -> key.startsWith(id + ' '))
                            .count();
                    allReceived &= count == FAN_OUT && paths == FAN_OUT && answer.deliveries() == FAN_OUT;
                    millis[n] = arrivals == null ? -1 : (arrivals.lastNanos.get() - sent) / 1_000_000;
                    times.add(f(
                            "%s: 202 (deliveries %d) in %.1f ms, %d received on %d paths, last after %d ms",
                            n == 0 ? "first" : "#" + (n + 1),
                            answer.deliveries(),
                            (answered - sent) / 1e6,
                            count,
                            paths,
                            millis[n]));
                    Thread.sleep(500);
                }
            }
            service.requireAlive("fan-out");
            times.forEach(line -> progress("fan-out: " + line));
            long[] later = Arrays.copyOfRange(millis, 1, millis.length);
            Arrays.sort(later);
            table.row(
                    "fan-out: POST to 100th receipt, first event",
                    f("%d ms", millis[0]),
                    "all 100 received: " + (allReceived ? "yes" : "NO"));
            table.row(
                    "fan-out: same, median of next " + later.length,
                    f("%d ms", later[later.length / 2]),
                    "each: " + Arrays.toString(Arrays.copyOfRange(millis, 1, millis.length)) + " ms");
        }
    }

    static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    private static String ms(long micros) {
        return f("%.2f ms", micros / 1000.0);
    }

    static void progress(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }

    /**
     * CPU used between two moments by the service process, by this bench JVM, by everything else on the machine,
     * and what the service wrote to storage.
     */
    record CpuSample(
            ServiceProcess service,
            long wallStart,
            long serviceStart,
            long benchStart,
            long machineStart,
            long writtenStart,
            double servicePercent,
            double benchPercent,
            double machinePercent,
            double writtenMibPerSecond) {
        static CpuSample start(ServiceProcess service) {
            return new CpuSample(
                    service,
                    System.nanoTime(),
                    service == null ? 0 : service.cpuNanos(),
                    CpuTime.ofPid(ProcessHandle.current().pid()),
                    CpuTime.machineBusy(),
                    service == null ? 0 : CpuTime.writtenBytes(service.pid()),
                    0,
                    0,
                    0,
                    0);
        }

        CpuSample end() {
            double wall = System.nanoTime() - wallStart;
            return new CpuSample(
                    service,
                    wallStart,
                    serviceStart,
                    benchStart,
                    machineStart,
                    writtenStart,
                    service == null ? 0 : (service.cpuNanos() - serviceStart) * 100 / wall,
                    (CpuTime.ofPid(ProcessHandle.current().pid()) - benchStart) * 100 / wall,
                    (CpuTime.machineBusy() - machineStart) * 100 / wall,
                    service == null
                            ? 0
                            : (CpuTime.writtenBytes(service.pid()) - writtenStart) / 1048576.0 / (wall / 1e9));
        }

        @Override
        public String toString() {
            double others = Math.max(0, machinePercent - servicePercent - benchPercent);
            return (service == null ? "" : f("service %.0f %%, ", servicePercent))
                    + f("bench JVM %.0f %%, others %.0f %% (machine %.0f %%)", benchPercent, others, machinePercent)
                    + (service == null ? "" : f("; service wrote %.1f MiB/s to disk", writtenMibPerSecond));
        }
    }
}
