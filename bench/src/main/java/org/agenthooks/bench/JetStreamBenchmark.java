package org.agenthooks.bench;

import static org.agenthooks.bench.DeliveryBenchmark.AGENT;
import static org.agenthooks.bench.DeliveryBenchmark.SERVICE_SETTINGS;
import static org.agenthooks.bench.DeliveryBenchmark.STEADY_SKIP_END;
import static org.agenthooks.bench.DeliveryBenchmark.STEADY_SKIP_START;
import static org.agenthooks.bench.DeliveryBenchmark.THROUGHPUT_DRAIN_LIMIT;
import static org.agenthooks.bench.DeliveryBenchmark.THROUGHPUT_RUN;
import static org.agenthooks.bench.DeliveryBenchmark.progress;
import static org.agenthooks.bench.DeliveryBenchmark.sleepUntil;
import static org.agenthooks.bench.Table.f;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code jetstream} scenario: a publisher in this JVM puts events on a JetStream stream as fast as the service
 * takes them (at most {@value #MAX_BACKLOG} ahead of the receiver), the service consumes them with its durable
 * pull consumer and delivers to the receiver; sustained deliveries/s over the same steady window as
 * {@code throughput}, so the two stand side by side. Needs the NATS server of {@code -Dbench.nats} (default
 * {@code nats://127.0.0.1:4222}); a stream of its own, deleted at the end.
 */
final class JetStreamBenchmark {
    static final String NATS_URL = System.getProperty("bench.nats", "nats://127.0.0.1:4222");
    private static final int MAX_BACKLOG = 20_000;
    private static final int MAX_UNACKED_PUBLISHES = 2_000;

    private final Receiver receiver;
    private final Table table;

    JetStreamBenchmark(Receiver receiver, Table table) {
        this.receiver = receiver;
        this.table = table;
    }

    void run(Double httpThroughput) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String stream = "BENCH_" + suffix;
        String subject = "bench." + suffix + ".events";
        progress("jetstream: publisher -> " + NATS_URL + " stream " + stream + " -> service -> receiver, "
                + THROUGHPUT_RUN.toSeconds() + " s, steady window as in throughput");
        Connection nats;
        try {
            nats = Nats.connect(NATS_URL);
        } catch (java.io.IOException absent) {
            progress("jetstream: skipped, no NATS server at " + NATS_URL + " (-Dbench.nats=nats://HOST:PORT)");
            table.row("jetstream", "skipped", "no NATS server at " + NATS_URL);
            return;
        }
        try (nats) {
            JetStreamManagement management = nats.jetStreamManagement();
            management.addStream(StreamConfiguration.builder()
                    .name(stream)
                    .subjects(subject, subject + ".dead")
                    .storageType(StorageType.File)
                    .build());
            try {
                measure(nats.jetStream(), stream, subject, httpThroughput);
            } finally {
                management.deleteStream(stream);
            }
        }
    }

    private void measure(JetStream jetStream, String stream, String subject, Double httpThroughput) throws Exception {
        Map<String, String> settings = new HashMap<>(SERVICE_SETTINGS);
        settings.put("INGEST_NATS_ENABLED", "true");
        settings.put("INGEST_NATS_URL", NATS_URL);
        settings.put("INGEST_NATS_STREAM", stream);
        settings.put("INGEST_NATS_SUBJECT", subject);
        settings.put("INGEST_NATS_WORKSPACES", "org_demoWorkspace001");
        try (ServiceProcess service = ServiceProcess.service(settings)) {
            service.awaitFirstAnswer(Duration.ofSeconds(60));
            new ServiceApi(service.baseUri())
                    .createWebhook("JetStream", AGENT, receiver.url("/jetstream"), ServiceApi.ALL_EVENTS);
            Receiver.Recording recording = receiver.record(0);
            long start = System.nanoTime();
            long end = start + THROUGHPUT_RUN.toNanos();
            long from = start + STEADY_SKIP_START.toNanos();
            long to = end - STEADY_SKIP_END.toNanos();
            AtomicLong published = new AtomicLong();
            AtomicLong publishFailures = new AtomicLong();
            Thread publisher = Thread.ofPlatform().name("jetstream-publisher").start(() -> {
                Semaphore unacked = new Semaphore(MAX_UNACKED_PUBLISHES);
                long seq = 0;
                try {
                    while (System.nanoTime() < end) {
                        if (seq - recording.total.get() >= MAX_BACKLOG) {
                            Thread.sleep(1);
                            continue;
                        }
                        unacked.acquire();
                        NatsMessage message = NatsMessage.builder()
                                .subject(subject)
                                .headers(new Headers().put("Nats-Msg-Id", "js-" + seq))
                                .data(Payloads.event(AGENT, seq))
                                .build();
                        jetStream.publishAsync(message).whenComplete((ack, failure) -> {
                            (failure == null ? published : publishFailures).incrementAndGet();
                            unacked.release();
                        });
                        seq++;
                    }
                    unacked.acquire(MAX_UNACKED_PUBLISHES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sleepUntil(from);
            DeliveryBenchmark.CpuSample cpu = DeliveryBenchmark.CpuSample.start(service);
            sleepUntil(to);
            cpu = cpu.end();
            publisher.join();
            long drainStart = System.nanoTime();
            long drainLimit = drainStart + THROUGHPUT_DRAIN_LIMIT.toNanos();
            while (recording.perId.size() < published.get() && System.nanoTime() < drainLimit) {
                Thread.sleep(100);
            }
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
            service.requireAlive("jetstream");
            double seconds = recording.binnedSeconds(from, to);
            double deliveries = recording.arrivedBetween(from, to) / seconds;
            progress(f(
                    "jetstream: %.0f deliveries/s steady; %d published, %d delivered (%d distinct ids), drain %d ms;"
                            + " %s",
                    deliveries, published.get(), recording.total.get(), recording.perId.size(), drainMillis, cpu));
            table.row(
                    "jetstream: sustained deliveries/s",
                    f("%.0f /s", deliveries),
                    f(
                            "steady %.0f s of %d s; publisher -> JetStream -> service (pull %s) -> receiver",
                            seconds, THROUGHPUT_RUN.toSeconds(), "batch 100"));
            if (httpThroughput != null) {
                table.row(
                        "jetstream / throughput (HTTP)",
                        f("%.1f %%", deliveries / httpThroughput * 100),
                        f("HTTP throughput in this run: %.0f /s", httpThroughput));
            }
            boolean once = recording.perId.size() == published.get() && recording.duplicates() == 0;
            table.row(
                    "jetstream: each published event delivered once",
                    once ? "yes" : "NO",
                    f(
                            "%d published (%d publish failures), %d distinct event ids arrived, duplicates %d,"
                                    + " drain %d ms",
                            published.get(),
                            publishFailures.get(),
                            recording.perId.size(),
                            recording.duplicates(),
                            drainMillis));
            table.row("jetstream: CPU in steady window", cpu.toString(), "2 cores = 200 %");
        }
    }
}
