package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service process consuming a RabbitMQ queue of the test's own (the shared broker on 127.0.0.1:5672), with a
 * real receiver: every published event reaches the webhook, under one event id, even across a SIGKILL.
 */
class RabbitMqEndToEndTest {
    private static final String API_KEY = "key_RabbitTest1.rabbit-secret-part-0123456789abcdef";
    private static final String AGENT = SeedDemoWorkspaceService.SECOND_AGENT.value();
    private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F";
    private static final int EVENTS = 5_000;

    @TempDir
    Path workDir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "e2e-events-" + suffix;
    private final String deadLetterQueue = "e2e-events-dead-" + suffix;
    /** The message's number (its data's n) -> the event ids it was delivered under. */
    private final Map<Integer, Set<String>> eventIds = new ConcurrentHashMap<>();

    private final AtomicInteger arrivals = new AtomicInteger();
    private Connection connection;
    private Channel channel;
    private WebServer receiver;

    @BeforeEach
    void brokerAndReceiver() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        try {
            connection = factory.newConnection("e2e-publisher-" + suffix);
        } catch (IOException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs RabbitMQ at " + BROKER, unreachable);
            }
            Assumptions.abort("RabbitMQ at " + BROKER + " is not reachable: " + unreachable);
        }
        channel = connection.createChannel();
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueDeclare(deadLetterQueue, true, false, false, null);
        channel.confirmSelect();
        receiver = WebServer.builder()
                .port(0)
                .routing(routing -> routing.post("/hooks", (req, res) -> {
                    var payload = ServiceClient.parse(req.content().as(String.class));
                    eventIds.computeIfAbsent(
                                    payload.getJsonObject("data").getInt("n"), n -> ConcurrentHashMap.newKeySet())
                            .add(payload.getString("id"));
                    arrivals.incrementAndGet();
                    res.send("ok");
                }))
                .build()
                .start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (receiver != null) {
            receiver.stop();
        }
        if (connection != null) {
            channel.queueDelete(queue);
            channel.queueDelete(deadLetterQueue);
            connection.close();
        }
    }

    @Test
    void five_thousand_published_events_each_reach_the_webhook_exactly_once() throws Exception {
        Map<String, String> env = env("once");
        try (ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), env)) {
            subscribe(service);
            long started = System.nanoTime();
            publish(0, EVENTS);
            long published = System.nanoTime();
            Eventually.within(
                    Duration.ofSeconds(120), () -> assertThat(accepted(service)).isEqualTo(EVENTS));
            long ingested = System.nanoTime();
            Eventually.within(
                    Duration.ofSeconds(120), () -> assertThat(eventIds).hasSize(EVENTS));
            System.out.printf(
                    "RabbitMqEndToEndTest: %d events published in %d ms, ingested (acked) after %d ms, all delivered"
                            + " to the webhook after %d ms%n",
                    EVENTS,
                    (published - started) / 1_000_000,
                    (ingested - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
            Thread.sleep(500); // a duplicate would arrive in this time
            assertThat(arrivals).hasValue(EVENTS);
            assertThat(eventIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(channel.messageCount(queue)).isZero();
            assertThat(channel.messageCount(deadLetterQueue)).isZero();
        }
    }

    @Test
    void a_sigkill_mid_stream_then_a_restart_delivers_every_event_under_one_event_id() throws Exception {
        Map<String, String> env = env("crash");
        int port = ServiceProcess.freePort();
        try (ServiceProcess first = ServiceProcess.start(workDir, port, env)) {
            subscribe(first);
            // Published while the service consumes, so the kill comes with messages unacknowledged and waiting.
            var publisher = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    publish(0, EVENTS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(eventIds).hasSizeGreaterThan(200));
            first.kill();
            publisher.get();
        }
        int beforeKill = eventIds.size();
        assertThat(beforeKill).as("the kill came mid-stream").isLessThan(EVENTS);

        try (ServiceProcess second = ServiceProcess.start(workDir, port, env)) {
            Eventually.within(
                    Duration.ofSeconds(120), () -> assertThat(eventIds).hasSize(EVENTS));
            Thread.sleep(500);
            assertThat(eventIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(channel.messageCount(deadLetterQueue)).isZero();
            System.out.printf(
                    "RabbitMqEndToEndTest: SIGKILL after %d of %d events delivered; after the restart all %d"
                            + " delivered, each under one event id (%d arrivals in all)%n",
                    beforeKill, EVENTS, eventIds.size(), arrivals.get());
        }
    }

    @Test
    void a_broker_absent_at_start_up_leaves_the_api_serving_and_readiness_down_for_the_source() throws Exception {
        Map<String, String> env = new HashMap<>(env("absent"));
        env.put("INGEST_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:" + ServiceProcess.freePort() + "/%2F");
        try (ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), env)) {
            new ServiceClient(service.port, API_KEY).get("/v1/webhooks");
            HttpResponse<String> ready = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + service.port + "/observe/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("source-rabbitmq");
            assertThat(service.log()).contains("RabbitMQ at amqp://guest:***@127.0.0.1");
        }
    }

    /** The service's count of messages it ingested and acknowledged, from its metrics. */
    private static long accepted(ServiceProcess service) {
        try {
            String metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/observe/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return metrics.lines()
                    .filter(line -> line.startsWith("webhooks_bus_messages_total") && line.contains("accepted"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, String> env(String name) {
        return Map.of(
                "DB_CONNECTION_URL",
                "jdbc:h2:file:" + workDir.resolve(name) + ";WRITE_DELAY=0",
                "DEMO_API_KEY",
                API_KEY,
                "INGEST_RABBITMQ_ENABLED",
                "true",
                "INGEST_RABBITMQ_URI",
                BROKER,
                "INGEST_RABBITMQ_QUEUE",
                queue,
                "INGEST_RABBITMQ_DEAD_LETTER_QUEUE",
                deadLetterQueue,
                "INGEST_RABBITMQ_WORKSPACES",
                SeedDemoWorkspaceService.DEMO_WORKSPACE.value(),
                "INGEST_RABBITMQ_CONNECTION_NAME",
                "e2e-service-" + suffix);
    }

    private void subscribe(ServiceProcess service) {
        new ServiceClient(service.port, API_KEY)
                .json("POST", "/v1/webhooks", """
                        {"name":"rabbit","url":"http://127.0.0.1:%d/hooks","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.port(), AGENT), 201);
    }

    /** Messages with no id of their own: the broker's message-id is what makes a redelivery the same event. */
    private void publish(int from, int count) throws Exception {
        for (int n = from; n < from + count; n++) {
            channel.basicPublish(
                    "",
                    queue,
                    new AMQP.BasicProperties.Builder()
                            .deliveryMode(2)
                            .messageId("e2e-" + suffix + "-" + n)
                            .build(),
                    """
                    {"type":"conversation_ended","agentId":"%s","data":{"n":%d}}""".formatted(AGENT, n).getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(60_000);
    }
}
