package org.agenthooks.adapters.messaging.rabbitmq;

import static org.agenthooks.application.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.adapters.messaging.BusMessageParser;
import org.agenthooks.adapters.messaging.BusSource;
import org.agenthooks.adapters.messaging.Refusal;
import org.agenthooks.application.fakes.RecordingEngineMetrics;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.port.out.EngineMetrics.BusOutcome;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer against the real broker, each test on queues of its own; the ingest use case is a fake here. */
class RabbitMqIngestTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("org_AAAAAAAAAAAAAAAA");
    private static final BusSource SOURCE = new BusSource("rabbitmq", Set.of(WORKSPACE));

    private TestBroker broker;
    private final RecordingEngineMetrics metrics = new RecordingEngineMetrics();
    /** Idempotency key -> how many times the use case saw it; like the store, a repeat adds no event. */
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void broker() throws Exception {
        broker = new TestBroker();
    }

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void five_thousand_messages_are_each_ingested_once_and_acknowledged() throws Exception {
        int count = 5_000;
        for (int i = 0; i < count; i++) {
            broker.publish(event(null), "msg-" + i, null);
        }
        broker.confirmed();
        long started = System.nanoTime();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(256), SOURCE, this::record, metrics)) {
            eventually(Duration.ofSeconds(60), () -> assertThat(seen).hasSize(count));
            System.out.printf(
                    "RabbitMqIngestTest: %d messages ingested in %d ms (prefetch 256, fake use case)%n",
                    count, (System.nanoTime() - started) / 1_000_000);
            eventually(
                    Duration.ofSeconds(10),
                    () -> assertThat(broker.ready(broker.queue)).isZero());
            assertThat(consumer.connected()).isTrue();
        }
        assertThat(seen.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(metrics.busMessages("rabbitmq", BusOutcome.ACCEPTED)).isEqualTo(count);
        assertThat(broker.deadLetters()).isEmpty();
    }

    @Test
    void two_instances_on_one_queue_share_its_messages_each_handled_by_one() throws Exception {
        int count = 2_000;
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        IngestEventUseCase firstInstance = command -> {
            first.incrementAndGet();
            return record(command);
        };
        IngestEventUseCase secondInstance = command -> {
            second.incrementAndGet();
            return record(command);
        };
        try (RabbitMqIngest one = RabbitMqIngest.start(broker.settings(16), SOURCE, firstInstance, metrics);
                RabbitMqIngest two = RabbitMqIngest.start(broker.settings(16), SOURCE, secondInstance, metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(one.connected() && two.connected()).isTrue());
            for (int i = 0; i < count; i++) {
                broker.publish(event(null), "msg-" + i, null);
            }
            broker.confirmed();
            eventually(Duration.ofSeconds(60), () -> assertThat(seen).hasSize(count));
        }
        assertThat(seen.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
        assertThat(first.get() + second.get()).isEqualTo(count);
        assertThat(first).as("the first instance's share").hasValueGreaterThan(count / 10);
        assertThat(second).as("the second instance's share").hasValueGreaterThan(count / 10);
    }

    @Test
    void a_poison_message_lands_in_the_dead_letter_queue_with_its_reason_and_the_rest_go_on() throws Exception {
        broker.publish("{not json", "poison-1", Map.of("trace", "abc"));
        broker.publish(
                "{\"type\":\"conversation_started\",\"agentId\":\"agt_1\",\"data\":{},"
                        + "\"workspaceId\":\"org_BBBBBBBBBBBBBBBB\"}",
                "foreign-1",
                null);
        broker.publish(event("own-id"), "ignored-broker-id", null);
        broker.confirmed();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(16), SOURCE, this::record, metrics)) {
            eventually(Duration.ofSeconds(20), () -> {
                assertThat(seen).containsOnlyKeys("own-id");
                assertThat(metrics.busMessages("rabbitmq", BusOutcome.REFUSED)).isEqualTo(2);
            });
            eventually(
                    Duration.ofSeconds(10),
                    () -> assertThat(broker.ready(broker.queue)).isZero());
        }
        List<GetResponse> dead = broker.deadLetters();
        assertThat(dead).hasSize(2);
        GetResponse malformed = dead.stream()
                .filter(letter -> "poison-1".equals(letter.getProps().getMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(new String(malformed.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(malformed.getProps().getHeaders().get(Refusal.REASON_HEADER).toString())
                .contains("malformed JSON");
        assertThat(malformed.getProps().getHeaders().get("trace").toString()).isEqualTo("abc");
        assertThat(malformed
                        .getProps()
                        .getHeaders()
                        .get(RabbitMqIngest.SOURCE_QUEUE_HEADER)
                        .toString())
                .isEqualTo(broker.queue);
        GetResponse foreign = dead.stream()
                .filter(letter -> "foreign-1".equals(letter.getProps().getMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(foreign.getProps().getHeaders().get(Refusal.REASON_HEADER).toString())
                .contains("may not write to workspace org_BBBBBBBBBBBBBBBB");
    }

    @Test
    void a_refused_message_no_dead_letter_queue_takes_is_kept_until_one_does() throws Exception {
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(16), SOURCE, this::record, metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(consumer.connected()).isTrue());
            broker.deleteQueue(broker.deadLetterQueue);
            broker.publish("{not json", "poison-unroutable", Map.of());
            broker.confirmed();
            // The broker returns the dead letter as unroutable yet confirms it: the source message must stay.
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(metrics.busMessages("rabbitmq", BusOutcome.RETRIED))
                            .isGreaterThanOrEqualTo(2));
            assertThat(metrics.busMessages("rabbitmq", BusOutcome.REFUSED)).isZero();

            broker.declareQueue(broker.deadLetterQueue);
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(metrics.busMessages("rabbitmq", BusOutcome.REFUSED))
                            .isEqualTo(1));
        }
        assertThat(broker.deadLetters())
                .singleElement()
                .satisfies(
                        letter -> assertThat(letter.getProps().getMessageId()).isEqualTo("poison-unroutable"));
    }

    @Test
    void a_message_that_meets_a_database_outage_comes_back_until_it_is_ingested_not_dead_lettered() throws Exception {
        AtomicInteger outages = new AtomicInteger(3);
        IngestEventUseCase flaky = command -> {
            if (outages.getAndDecrement() > 0) {
                throw new StorageUnavailableException("database down", null);
            }
            return record(command);
        };
        broker.publish(event("e-1"), null, null);
        broker.confirmed();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(16), SOURCE, flaky, metrics)) {
            eventually(Duration.ofSeconds(20), () -> assertThat(seen).containsOnlyKeys("e-1"));
        }
        assertThat(metrics.busMessages("rabbitmq", BusOutcome.RETRIED)).isEqualTo(3);
        assertThat(broker.deadLetters()).isEmpty();
    }

    @Test
    void a_connection_closed_by_the_broker_under_load_is_recovered_and_nothing_is_lost() throws Exception {
        int count = 4_000;
        publishEvents(count);
        IngestEventUseCase slow = slowIngest();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(32), SOURCE, slow, metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(consumer.connected()).isTrue());
            String pid = broker.consumerConnection();
            eventually(Duration.ofSeconds(20), () -> assertThat(seen).hasSizeGreaterThan(300));
            broker.closeConnection(pid);
            int atClose = seen.size();
            assertThat(atClose).as("the close came mid-stream").isLessThan(count);
            eventually(Duration.ofSeconds(60), () -> assertThat(seen).hasSize(count));
            eventually(
                    Duration.ofSeconds(10),
                    () -> assertThat(broker.ready(broker.queue)).isZero());
            eventually(
                    Duration.ofSeconds(10),
                    () -> assertThat(consumer.connected()).isTrue());
            assertThat(broker.consumerConnection()).as("a new connection").isNotEqualTo(pid);
            long repeats =
                    seen.values().stream().filter(times -> times.get() > 1).count();
            System.out.printf(
                    "RabbitMqIngestTest: connection closed after %d of %d messages; all %d ingested, %d redelivered"
                            + " under the same id%n",
                    atClose, count, seen.size(), repeats);
        }
        assertThat(broker.deadLetters()).isEmpty();
    }

    @Test
    void a_broker_restarted_under_load_is_reconnected_to_and_nothing_is_lost() throws Exception {
        int count = 3_000;
        publishEvents(count);
        IngestEventUseCase slow = slowIngest();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(broker.settings(32), SOURCE, slow, metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(consumer.connected()).isTrue());
            String before = broker.consumerConnection();
            eventually(Duration.ofSeconds(20), () -> assertThat(seen).hasSizeGreaterThan(300));
            TestBroker.restartBroker();
            int atRestart = seen.size();
            assertThat(atRestart).as("the restart came mid-stream").isLessThan(count);
            eventually(
                    Duration.ofSeconds(60),
                    () -> assertThat(consumer.connected()).isTrue());
            eventually(Duration.ofSeconds(90), () -> assertThat(seen).hasSize(count));
            assertThat(broker.consumerConnection()).as("a new connection").isNotEqualTo(before);
            long repeats =
                    seen.values().stream().filter(times -> times.get() > 1).count();
            System.out.printf(
                    "RabbitMqIngestTest: broker restarted after %d of %d messages; all %d ingested, %d redelivered"
                            + " under the same id%n",
                    atRestart, count, seen.size(), repeats);
        }
        eventually(Duration.ofSeconds(30), () -> {
            try {
                // The test's own connection is recovered by the client too; until it is, asking fails.
                assertThat(broker.ready(broker.queue)).isZero();
            } catch (RuntimeException notRecoveredYet) {
                throw new AssertionError(notRecoveredYet);
            }
        });
        assertThat(broker.deadLetters()).isEmpty();
    }

    @Test
    void a_broker_absent_at_start_up_is_connected_to_when_it_appears() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RabbitMqSettings viaProxy = new RabbitMqSettings(
                URI.create("amqp://guest:guest@127.0.0.1:" + port + "/%2F"),
                broker.queue,
                broker.deadLetterQueue,
                16,
                Duration.ofMillis(100),
                broker.connectionName);
        broker.publish(event("late-1"), null, null);
        broker.confirmed();
        try (RabbitMqIngest consumer = RabbitMqIngest.start(viaProxy, SOURCE, this::record, metrics)) {
            Thread.sleep(1_500);
            assertThat(consumer.connected()).isFalse();
            assertThat(seen).isEmpty();
            try (Proxy proxy = new Proxy(port, 5672)) {
                eventually(
                        Duration.ofSeconds(20),
                        () -> assertThat(consumer.connected()).isTrue());
                eventually(Duration.ofSeconds(10), () -> assertThat(seen).containsOnlyKeys("late-1"));
            }
        }
    }

    /** {@code count} events with ids msg-0, msg-1, ..., confirmed by the broker. */
    private void publishEvents(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            broker.publish(event(null), "msg-" + i, Map.of(BusMessageParser.WORKSPACE_HEADER, WORKSPACE.value()));
        }
        broker.confirmed();
    }

    /** Ingests as the store would, 25 ms a message: slow enough for a fault to come mid-stream. */
    private IngestEventUseCase slowIngest() {
        return command -> {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return record(command);
        };
    }

    private IngestedEvent record(IngestEventCommand command) {
        assertThat(command.workspaceId()).isEqualTo(WORKSPACE);
        seen.computeIfAbsent(command.idempotencyKey().orElseThrow().value(), key -> new AtomicInteger())
                .incrementAndGet();
        return new IngestedEvent(EventId.random(), 1);
    }

    private static String event(String id) {
        return "{\"type\":\"conversation_started\",\"agentId\":\"agt_1\",\"data\":{\"n\":1}"
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}";
    }

    /** A TCP forwarder that stands for a broker coming up on a port where there was none. */
    private static final class Proxy implements AutoCloseable {
        private final ServerSocket server;

        Proxy(int port, int target) throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        Thread.ofVirtual().start(() -> pipe(client, upstream));
                        Thread.ofVirtual().start(() -> pipe(upstream, client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
