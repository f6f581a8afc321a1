package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service process killed with SIGKILL while deliveries are in flight, then started again on the same H2 file:
 * every acknowledged event is still there and every delivery completes.
 */
class CrashRecoveryTest {
    private static final String API_KEY = "key_CrashTest01.crash-secret-part-0123456789abcdef";
    private static final String AGENT = SeedDemoWorkspaceService.SECOND_AGENT.value();
    private static final int EVENTS = 200;

    @TempDir
    Path workDir;

    @Test
    void a_sigkill_mid_delivery_loses_nothing() throws Exception {
        Set<String> receivedIds = ConcurrentHashMap.newKeySet();
        WebServer slowReceiver = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/slow", (req, res) -> {
                    String id = req.headers()
                            .first(io.helidon.http.HeaderNames.create("webhook-id"))
                            .orElseThrow();
                    req.content().consume();
                    Thread.sleep(200);
                    receivedIds.add(id);
                    res.send("ok");
                }))
                .build()
                .start();
        Map<String, String> env = Map.of(
                "DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("webhooks") + ";WRITE_DELAY=0",
                "DEMO_API_KEY", API_KEY,
                "DELIVERY_LEASE", "2s",
                "DELIVERY_ATTEMPT_TIMEOUT", "900ms",
                "DELIVERY_POLL_INTERVAL", "100ms",
                "DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT", "4");
        int port = ServiceProcess.freePort();
        List<String> accepted = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.start(workDir, port, env)) {
            ServiceClient api = new ServiceClient(first.port, API_KEY);
            api.json("POST", "/v1/webhooks", """
                    {"name":"crash","url":"http://127.0.0.1:%d/slow","agentId":"%s","events":["conversation_ended"]}""".formatted(slowReceiver.port(), AGENT), 201);
            try (ExecutorService posters = Executors.newFixedThreadPool(8)) {
                List<Future<String>> posts = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    posts.add(posters.submit(() -> api.json("POST", "/v1/events", """
                            {"type":"conversation_ended","agentId":"%s","data":{"n":1}}""".formatted(AGENT), 202)
                            .getString("eventId")));
                }
                for (Future<String> post : posts) {
                    accepted.add(post.get());
                }
            }
            Eventually.within(
                    Duration.ofSeconds(10), () -> assertThat(receivedIds).hasSizeGreaterThan(4));
            first.kill();
        }
        assertThat(receivedIds).as("the kill came mid-delivery").hasSizeLessThan(EVENTS);

        try (ServiceProcess second = ServiceProcess.start(workDir, port, env)) {
            ServiceClient api = new ServiceClient(second.port, API_KEY);
            for (String eventId : accepted) {
                assertThat(api.send("GET", "/v1/events/" + eventId, null).statusCode())
                        .isEqualTo(200);
            }
            Eventually.within(
                    Duration.ofSeconds(60), () -> assertThat(receivedIds).containsAll(accepted));
            Eventually.within(
                    Duration.ofSeconds(10),
                    () -> assertThat(api.get("/v1/events/" + accepted.getLast())
                                    .getJsonArray("deliveries")
                                    .getJsonObject(0)
                                    .getString("status"))
                            .isEqualTo("succeeded"));
        } finally {
            slowReceiver.stop();
        }
    }

    /**
     * With the default lease (15 s), a restart on the H2 file finishes what the killed process held within 5 s of
     * its first answer: only one process can open the file, so the new one ends the dead one's leases at start-up.
     */
    @Test
    void a_restart_after_a_sigkill_resumes_what_the_killed_process_held_at_once() throws Exception {
        Set<String> receivedIds = ConcurrentHashMap.newKeySet();
        WebServer receiver = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/hooks", (req, res) -> {
                    String id = req.headers()
                            .first(io.helidon.http.HeaderNames.create("webhook-id"))
                            .orElseThrow();
                    req.content().consume();
                    Thread.sleep(100);
                    receivedIds.add(id);
                    res.send("ok");
                }))
                .build()
                .start();
        Map<String, String> env = Map.of(
                "DB_CONNECTION_URL",
                "jdbc:h2:file:" + workDir.resolve("restart") + ";WRITE_DELAY=0",
                "DEMO_API_KEY",
                API_KEY,
                "DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT",
                "8");
        int port = ServiceProcess.freePort();
        List<String> accepted = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.start(workDir, port, env)) {
            ServiceClient api = new ServiceClient(first.port, API_KEY);
            api.json("POST", "/v1/webhooks", """
                    {"name":"restart","url":"http://127.0.0.1:%d/hooks","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.port(), AGENT), 201);
            try (ExecutorService posters = Executors.newFixedThreadPool(8)) {
                List<Future<String>> posts = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    posts.add(posters.submit(() -> api.json("POST", "/v1/events", """
                            {"type":"conversation_ended","agentId":"%s","data":{"n":1}}""".formatted(AGENT), 202)
                            .getString("eventId")));
                }
                for (Future<String> post : posts) {
                    accepted.add(post.get());
                }
            }
            Eventually.within(
                    Duration.ofSeconds(10), () -> assertThat(receivedIds).hasSizeGreaterThan(4));
            first.kill();
        }
        assertThat(receivedIds).as("the kill came mid-burst").hasSizeLessThan(accepted.size());

        try (ServiceProcess second = ServiceProcess.start(workDir, port, env)) {
            long answered = System.nanoTime();
            ServiceClient api = new ServiceClient(second.port, API_KEY);
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> assertThat(accepted)
                            .allSatisfy(id -> assertThat(api.get("/v1/events/" + id)
                                            .getJsonArray("deliveries")
                                            .getJsonObject(0)
                                            .getString("status"))
                                    .isEqualTo("succeeded")));
            System.out.printf(
                    "CrashRecoveryTest restart: every delivery of %d events done %d ms after the restarted"
                            + " process's first answer (lease 15 s)%n",
                    accepted.size(), (System.nanoTime() - answered) / 1_000_000);
            assertThat(receivedIds).containsAll(accepted);
        } finally {
            receiver.stop();
        }
    }

    @Test
    void a_sigterm_finishes_or_hands_back_every_delivery() throws Exception {
        Set<String> receivedIds = ConcurrentHashMap.newKeySet();
        WebServer slowReceiver = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/slow", (req, res) -> {
                    String id = req.headers()
                            .first(io.helidon.http.HeaderNames.create("webhook-id"))
                            .orElseThrow();
                    req.content().consume();
                    Thread.sleep(100);
                    receivedIds.add(id);
                    res.send("ok");
                }))
                .build()
                .start();
        // A long lease: anything not handed back on shutdown would wait a minute before it is attempted again.
        Map<String, String> env = Map.of(
                "DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("graceful") + ";WRITE_DELAY=0",
                "DEMO_API_KEY", API_KEY,
                "DELIVERY_LEASE", "60s",
                "DELIVERY_POLL_INTERVAL", "100ms",
                "DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT", "2");
        int port = ServiceProcess.freePort();
        List<String> accepted = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.start(workDir, port, env)) {
            ServiceClient api = new ServiceClient(first.port, API_KEY);
            api.json("POST", "/v1/webhooks", """
                    {"name":"graceful","url":"http://127.0.0.1:%d/slow","agentId":"%s","events":["conversation_ended"]}""".formatted(slowReceiver.port(), AGENT), 201);
            for (int i = 0; i < 100; i++) {
                accepted.add(api.json("POST", "/v1/events", """
                        {"type":"conversation_ended","agentId":"%s","data":{"n":1}}""".formatted(AGENT), 202)
                        .getString("eventId"));
            }
            Eventually.within(
                    Duration.ofSeconds(10), () -> assertThat(receivedIds).hasSizeGreaterThan(2));
            first.terminate();
        }
        assertThat(receivedIds).as("the stop came mid-delivery").hasSizeLessThan(accepted.size());

        try (ServiceProcess second = ServiceProcess.start(workDir, port, env)) {
            ServiceClient api = new ServiceClient(second.port, API_KEY);
            Eventually.within(
                    Duration.ofSeconds(30),
                    () -> assertThat(receivedIds)
                            .as(() -> "missing, as stored: "
                                    + accepted.stream()
                                            .filter(id -> !receivedIds.contains(id))
                                            .map(id ->
                                                    api.get("/v1/events/" + id).toString())
                                            .toList())
                            .containsAll(accepted));
        } finally {
            slowReceiver.stop();
        }
    }
}
