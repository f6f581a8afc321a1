package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events in through NATS JetStream, end to end with the service in its own process and a NATS server of the
 * test's own: a SIGKILL of the service mid-stream, a broker restarted under load, a broker absent at start-up.
 * Each event is published once with its own {@code Nats-Msg-Id}; whatever happens, each reaches the webhook under
 * exactly one event id.
 */
class NatsIngestEndToEndTest {
    private static final String API_KEY = "key_NatsTest001.nats-secret-part-0123456789abcdef";
    private static final String AGENT = SeedDemoWorkspaceService.SECOND_AGENT.value();
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");
    private static final String SUBJECT = "webhooks.events";

    @TempDir
    Path workDir;

    /** Event number (the body's {@code data.n}) to the event ids it reached the webhook under. */
    private final Map<Integer, Set<String>> received = new ConcurrentHashMap<>();

    private final AtomicInteger requests = new AtomicInteger();

    @Test
    void a_sigkill_mid_stream_and_a_restart_deliver_every_event_under_one_event_id() throws Exception {
        int events = 5_000;
        try (OwnNatsServer nats = OwnNatsServer.started(workDir);
                Receiver receiver = new Receiver()) {
            Map<String, String> env = environment(nats, "crash");
            int port = ServiceProcess.freePort();
            try (ServiceProcess first = ServiceProcess.start(workDir, port, env)) {
                registerWebhook(first, receiver);
                awaitReady(first);
                publish(nats, 0, events);
                Eventually.within(
                        Duration.ofSeconds(60), () -> assertThat(received).hasSizeGreaterThan(500));
                first.kill();
            }
            assertThat(received).as("the kill came mid-stream").hasSizeLessThan(events);
            try (ServiceProcess second = ServiceProcess.start(workDir, port, env)) {
                Eventually.within(
                        Duration.ofSeconds(180), () -> assertThat(received).hasSize(events));
                Thread.sleep(1_000); // a second event id for an event would show by now
                assertEveryEventUnderOneEventId(events);
                System.out.printf(
                        "NatsIngestEndToEndTest SIGKILL: %d events, %d webhook requests (repeats of a delivery the"
                                + " kill cut off are at-least-once), one event id each%n",
                        events, requests.get());
            }
        }
    }

    @Test
    void a_broker_restarted_under_load_loses_and_doubles_nothing() throws Exception {
        int events = 3_000;
        try (OwnNatsServer nats = OwnNatsServer.started(workDir);
                Receiver receiver = new Receiver()) {
            try (ServiceProcess service =
                    ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(nats, "restart"))) {
                registerWebhook(service, receiver);
                awaitReady(service);
                Thread publisher = Thread.ofVirtual().start(() -> publish(nats, 0, events));
                Eventually.within(
                        Duration.ofSeconds(60), () -> assertThat(received).hasSizeGreaterThan(300));
                nats.stop();
                Eventually.within(
                        Duration.ofSeconds(10),
                        () -> assertThat(ready(service))
                                .as("readiness while the broker is down")
                                .isEqualTo(503));
                Thread.sleep(1_000);
                nats.start();
                publisher.join(Duration.ofSeconds(120));
                Eventually.within(
                        Duration.ofSeconds(120), () -> assertThat(received).hasSize(events));
                Eventually.within(
                        Duration.ofSeconds(20), () -> assertThat(ready(service)).isEqualTo(200));
                Thread.sleep(1_000);
                assertEveryEventUnderOneEventId(events);
            }
        }
    }

    @Test
    void a_broker_absent_at_start_up_leaves_the_api_serving_and_readiness_down_until_it_appears() throws Exception {
        try (OwnNatsServer nats = OwnNatsServer.notStarted(workDir);
                Receiver receiver = new Receiver()) {
            try (ServiceProcess service =
                    ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(nats, "absent"))) {
                registerWebhook(service, receiver); // the API serves
                ServiceClient observe = new ServiceClient(service.port, API_KEY);
                var down = observe.send("GET", "/observe/health/ready", null);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("source-nats");
                nats.start();
                awaitReady(service);
                publish(nats, 0, 10);
                Eventually.within(
                        Duration.ofSeconds(30), () -> assertThat(received).hasSize(10));
            }
        }
    }

    private Map<String, String> environment(OwnNatsServer nats, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve(database) + ";WRITE_DELAY=0");
        env.put("DEMO_API_KEY", API_KEY);
        env.put("DELIVERY_POLL_INTERVAL", "200ms");
        env.put("DELIVERY_LEASE", "3s");
        env.put("DELIVERY_ATTEMPT_TIMEOUT", "1s");
        env.put("INGEST_NATS_ENABLED", "true");
        env.put("INGEST_NATS_URL", nats.url());
        env.put("INGEST_NATS_SUBJECT", SUBJECT);
        env.put("INGEST_NATS_WORKSPACES", SeedDemoWorkspaceService.DEMO_WORKSPACE.value());
        // Messages a killed instance held come back after this.
        env.put("INGEST_NATS_ACK_WAIT", "3s");
        env.put("INGEST_NATS_RETRY_DELAY", "500ms");
        return env;
    }

    private static void registerWebhook(ServiceProcess service, Receiver receiver) {
        new ServiceClient(service.port, API_KEY)
                .json("POST", "/v1/webhooks", """
                {"name":"bus","url":"%s","agentId":"%s","events":["conversation_started"]}""".formatted(receiver.url(), AGENT), 201);
    }

    private static int ready(ServiceProcess service) {
        return new ServiceClient(service.port, API_KEY)
                .send("GET", "/observe/health/ready", null)
                .statusCode();
    }

    private static void awaitReady(ServiceProcess service) {
        Eventually.within(
                Duration.ofSeconds(30), () -> assertThat(ready(service)).isEqualTo(200));
    }

    /** Publishes each event once, retrying (same Nats-Msg-Id) until the stream has stored it. */
    private static void publish(OwnNatsServer nats, int from, int to) {
        try (Connection connection = nats.connect()) {
            JetStream jetStream = connection.jetStream();
            for (int n = from; n < to; n++) {
                NatsMessage message = NatsMessage.builder()
                        .subject(SUBJECT)
                        .headers(new io.nats.client.impl.Headers().put("Nats-Msg-Id", "evt-" + n))
                        .data("""
                                {"type":"conversation_started","agentId":"%s","data":{"n":%d}}""".formatted(AGENT, n), StandardCharsets.UTF_8)
                        .build();
                while (true) {
                    try {
                        jetStream.publish(message);
                        break;
                    } catch (Exception brokerAway) {
                        Thread.sleep(200);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertEveryEventUnderOneEventId(int events) {
        assertThat(received).hasSize(events);
        assertThat(received.entrySet())
                .filteredOn(entry -> entry.getValue().size() != 1)
                .as("events that reached the webhook under more than one event id")
                .isEmpty();
    }

    /** A real HTTP receiver that notes, per event number, the event ids it arrived under. */
    private final class Receiver implements AutoCloseable {
        private final WebServer server = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/hooks", (req, res) -> {
                    String eventId = req.headers()
                            .first(HeaderNames.create("webhook-id"))
                            .orElseThrow();
                    Matcher n = N.matcher(req.content().as(String.class));
                    if (n.find()) {
                        received.computeIfAbsent(Integer.parseInt(n.group(1)), k -> ConcurrentHashMap.newKeySet())
                                .add(eventId);
                    }
                    requests.incrementAndGet();
                    res.send("ok");
                }))
                .build()
                .start();

        String url() {
            return "http://127.0.0.1:" + server.port() + "/hooks";
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
