package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under a steady stream of events, on a cluster of the test's own so that
 * nothing else is disturbed: while it is down, events are refused with 503 problem+json (never a 500, never a
 * hang, never a 202), afterwards they are accepted again, and every event that got a 202 is delivered.
 */
class DatabaseRestartTest {
    private static final String API_KEY = "key_DbRestart01.database-restart-secret-0123456789";
    private static final String AGENT = SeedDemoWorkspaceService.DOCS_AGENT.value();
    private static final List<String> PATHS = List.of("/x", "/y");
    private static final int EVENTS = 1_000;
    private static final Duration PACE = Duration.ofMillis(10);
    private static final int STOP_AFTER = 250;
    private static final Duration DOWN = Duration.ofSeconds(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    /** One post: when it was sent and answered (nanos), and the answer; status -1 if none came. */
    private record Post(long sent, long answered, int status, String contentType, String body) {
        boolean within(long from, long to) {
            return sent >= from && answered <= to;
        }
    }

    @Test
    void while_postgresql_restarts_events_are_refused_with_503_and_every_accepted_one_is_delivered() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start();
                CountingReceiver receiver = new CountingReceiver();
                ServiceProcess service = ServiceProcess.start(
                        workDir,
                        ServiceProcess.freePort(),
                        Map.of(
                                "DB_CONNECTION_URL", cluster.url(),
                                "DB_CONNECTION_USERNAME", "postgres",
                                "DB_POOL_MAX_SIZE", "8",
                                "DEMO_ENABLED", "true",
                                "DEMO_API_KEY", API_KEY,
                                "DELIVERY_LEASE", "10s",
                                "DELIVERY_ATTEMPT_TIMEOUT", "4s",
                                "DELIVERY_POLL_INTERVAL", "100ms",
                                "DELIVERY_SCHEDULE", "0s, 200ms, 1s, 2s, 5s",
                                "DELIVERY_JITTER", "0"))) {
            ServiceClient api = new ServiceClient(service.port, API_KEY);
            for (String path : PATHS) {
                api.json("POST", "/v1/webhooks", """
                        {"name":"restart","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url(path), AGENT), 201);
            }

            AtomicReferenceArray<Post> posts = new AtomicReferenceArray<>(EVENTS);
            long begin = System.nanoTime();
            long stopping;
            long stopped;
            long starting;
            long started;
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                Thread pacer = Thread.ofPlatform().name("pacer").start(() -> {
                    for (int i = 0; i < EVENTS; i++) {
                        sleepUntil(begin + i * PACE.toNanos());
                        int n = i;
                        senders.execute(() -> posts.set(n, post(api, n)));
                    }
                });
                sleepUntil(begin + STOP_AFTER * PACE.toNanos());
                stopping = System.nanoTime();
                cluster.stopServer();
                stopped = System.nanoTime();
                sleepUntil(stopped + DOWN.toNanos());
                starting = System.nanoTime();
                cluster.startServer();
                started = System.nanoTime();
                pacer.join();
            }
            long done = System.nanoTime();
            List<Post> all = IntStream.range(0, EVENTS).mapToObj(posts::get).toList();
            List<String> accepted = all.stream()
                    .filter(post -> post.status() == 202)
                    .map(post -> ServiceClient.parse(post.body()).getString("eventId"))
                    .toList();
            List<Post> refused =
                    all.stream().filter(post -> post.status() == 503).toList();
            List<Post> unexpected = all.stream()
                    .filter(post -> post.status() != 202 && post.status() != 503)
                    .toList();
            long acceptedWhileDown = all.stream()
                    .filter(post -> post.status() == 202 && post.within(stopped, starting))
                    .count();
            long refusedAfterStart =
                    refused.stream().filter(post -> post.sent() >= started).count();
            long firstAcceptedAfterStart = all.stream()
                    .filter(post -> post.status() == 202 && post.sent() >= starting)
                    .mapToLong(Post::answered)
                    .min()
                    .orElse(done);
            long slowest = all.stream()
                    .mapToLong(post -> post.answered() - post.sent())
                    .max()
                    .orElseThrow();

            Eventually.within(
                    Duration.ofSeconds(20),
                    () -> assertThat(api.send("POST", "/v1/events", """
                    {"type":"conversation_ended","agentId":"%s","data":{"after":"restart"}}""".formatted(AGENT))
                                    .statusCode())
                            .as("a new event after the restart")
                            .isEqualTo(202));
            Eventually.within(
                    Duration.ofSeconds(60),
                    () -> assertThat(receiver.missing(accepted, PATHS))
                            .as("deliveries of the events that got a 202")
                            .isEmpty());
            long delivered = System.nanoTime();

            System.out.printf(
                    "DatabaseRestartTest: %d events at %d/s; PostgreSQL stopped %d ms in (pg_ctl stop took"
                            + " %d ms), down %d ms, started again in %d ms; %d accepted (%d of them while down),"
                            + " %d refused with 503 (%d sent after the restart), %d other answers; first 202 %d ms"
                            + " after the start began; slowest answer %d ms; every accepted event's %d deliveries"
                            + " arrived %d ms after the start; %d deliveries of events answered 503; %d"
                            + " duplicates%n",
                    EVENTS,
                    1000 / PACE.toMillis(),
                    millis(begin, stopping),
                    millis(stopping, stopped),
                    millis(stopped, starting),
                    millis(starting, started),
                    accepted.size(),
                    acceptedWhileDown,
                    refused.size(),
                    refusedAfterStart,
                    unexpected.size(),
                    millis(starting, firstAcceptedAfterStart),
                    slowest / 1_000_000,
                    accepted.size() * PATHS.size(),
                    millis(started, delivered),
                    receiver.outside(accepted),
                    receiver.duplicates());
            assertThat(unexpected)
                    .as("answers other than 202 and 503 (-1: none within the client's timeout)")
                    .isEmpty();
            assertThat(refused)
                    .as("events refused while PostgreSQL was down")
                    .isNotEmpty()
                    .allSatisfy(post -> assertThat(post.contentType()).isEqualTo("application/problem+json"));
            assertThat(acceptedWhileDown)
                    .as("202s sent and answered while PostgreSQL was down")
                    .isZero();
            assertThat(accepted)
                    .as("events accepted before the stop and after the start")
                    .hasSizeGreaterThan(STOP_AFTER / 2);
        }
    }

    private static Post post(ServiceClient api, int n) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = api.exchange("POST", "/v1/events", """
                    {"type":"conversation_ended","agentId":"%s","conversationId":"conv-%d","data":{"n":%d}}""".formatted(AGENT, n, n));
            return new Post(
                    sent,
                    System.nanoTime(),
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Post(sent, System.nanoTime(), -1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Post(sent, System.nanoTime(), -1, "", e.toString());
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
