package org.agenthooks.adapters.messaging;

import static org.agenthooks.application.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.agenthooks.application.fakes.InMemoryApplication;
import org.agenthooks.application.fakes.RecordingEngineMetrics;
import org.agenthooks.application.port.out.EngineMetrics.BusOutcome;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.domain.shared.Base62;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JetStream consumer against the real NATS server, through the real ingest use case (in-memory stores). */
class JetStreamIngestTest {
    private static final Pattern SEQUENCE = Pattern.compile("\"n\":(\\d+)");

    private final String suffix = Base62.random(8);
    private final NatsSettings settings = new NatsSettings(
            NatsServer.URL,
            "TEST_INGEST_" + suffix,
            "test." + suffix + ".events",
            "webhooks-" + suffix,
            "test." + suffix + ".events.dead",
            true,
            100,
            Duration.ofMillis(200),
            Duration.ofSeconds(30));
    private final BusSource source = new BusSource("nats", Set.of(Fixtures.WORKSPACE));
    private final RecordingEngineMetrics metrics = new RecordingEngineMetrics();

    private Connection publisher;
    private InMemoryApplication app;

    @BeforeEach
    void setUp() {
        publisher = NatsServer.connect();
        app = new InMemoryApplication(Clock.systemUTC());
        app.agents.add(Fixtures.agent(Fixtures.AGENT, Fixtures.WORKSPACE));
        app.register().register(Fixtures.registration());
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
        try {
            publisher.jetStreamManagement().deleteStream(settings.stream());
        } finally {
            publisher.close();
        }
    }

    @Test
    void five_thousand_events_each_reach_the_webhook_exactly_once_even_when_published_twice() throws Exception {
        try (JetStreamIngest consumer = JetStreamIngest.start(settings, source, app.ingest(), metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(consumer.connected()).isTrue());
            JetStream jetStream = publisher.jetStream();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int n = 0; n < 5_000; n++) {
                acks.add(jetStream.publishAsync(settings.subject(), event(n).getBytes(StandardCharsets.UTF_8)));
            }
            // The same events again, without a broker id: only the body's own id can keep them from doubling.
            for (int n = 0; n < 200; n++) {
                acks.add(jetStream.publishAsync(settings.subject(), event(n).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

            eventually(
                    Duration.ofSeconds(120),
                    () -> assertThat(metrics.busMessages("nats", BusOutcome.ACCEPTED))
                            .isEqualTo(5_200));
            eventually(
                    Duration.ofSeconds(30),
                    () -> assertThat(app.sender.requests()).hasSizeGreaterThanOrEqualTo(5_000));
            Thread.sleep(500); // a doubled delivery would show by now
            Map<Integer, Long> sent = app.sender.requests().stream()
                    .map(JetStreamIngestTest::sequence)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(sent).hasSize(5_000);
            assertThat(sent.values()).allMatch(count -> count == 1);
            assertThat(metrics.busMessages("nats", BusOutcome.REFUSED)).isZero();
        }
    }

    @Test
    void two_instances_on_one_durable_consumer_share_the_stream_each_message_handled_by_one() throws Exception {
        RecordingEngineMetrics otherMetrics = new RecordingEngineMetrics();
        try (JetStreamIngest one = JetStreamIngest.start(settings, source, app.ingest(), metrics);
                JetStreamIngest two = JetStreamIngest.start(settings, source, app.ingest(), otherMetrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(one.connected() && two.connected()).isTrue());
            JetStream jetStream = publisher.jetStream();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int n = 0; n < 2_000; n++) {
                acks.add(jetStream.publishAsync(settings.subject(), event(n).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

            eventually(
                    Duration.ofSeconds(60),
                    () -> assertThat(metrics.busMessages("nats", BusOutcome.ACCEPTED)
                                    + otherMetrics.busMessages("nats", BusOutcome.ACCEPTED))
                            .isEqualTo(2_000));
            assertThat(metrics.busMessages("nats", BusOutcome.ACCEPTED)).isPositive();
            assertThat(otherMetrics.busMessages("nats", BusOutcome.ACCEPTED)).isPositive();
            eventually(
                    Duration.ofSeconds(30),
                    () -> assertThat(app.sender.requests()).hasSizeGreaterThanOrEqualTo(2_000));
            assertThat(app.sender.requests().stream()
                            .map(JetStreamIngestTest::sequence)
                            .distinct()
                            .count())
                    .isEqualTo(2_000);
        }
    }

    @Test
    void poison_messages_land_in_the_dead_letter_subject_with_their_reason_and_do_not_block_the_stream()
            throws Exception {
        Subscription deadLetters = publisher.subscribe(settings.deadLetterSubject());
        try (JetStreamIngest consumer = JetStreamIngest.start(settings, source, app.ingest(), metrics)) {
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(consumer.connected()).isTrue());
            JetStream jetStream = publisher.jetStream();
            jetStream.publish(settings.subject(), "{\"type\": oops".getBytes(StandardCharsets.UTF_8));
            jetStream.publish(
                    settings.subject(),
                    ("{\"type\":\"conversation_started\",\"agentId\":\"nobody\"," + "\"data\":{}}")
                            .getBytes(StandardCharsets.UTF_8));
            Headers foreign = new Headers().put(BusMessageParser.WORKSPACE_HEADER, "org_zzzzzzzzzzzzzzzz");
            jetStream.publish(NatsMessage.builder()
                    .subject(settings.subject())
                    .headers(foreign)
                    .data(event(1), StandardCharsets.UTF_8)
                    .build());
            jetStream.publish(settings.subject(), event(2).getBytes(StandardCharsets.UTF_8));

            Map<String, String> reasons = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                Message dead = deadLetters.nextMessage(Duration.ofSeconds(20));
                assertThat(dead).as("dead letter %d", i).isNotNull();
                reasons.put(
                        new String(dead.getData(), StandardCharsets.UTF_8),
                        dead.getHeaders().getFirst(Refusal.REASON_HEADER));
                assertThat(dead.getHeaders().getFirst(JetStreamIngest.SOURCE_SUBJECT_HEADER))
                        .isEqualTo(settings.subject());
            }
            assertThat(reasons.get("{\"type\": oops")).contains("malformed JSON");
            assertThat(reasons.values()).anySatisfy(reason -> assertThat(reason).contains("no agent 'nobody'"));
            assertThat(reasons.get(event(1))).contains("may not write to workspace org_zzzzzzzzzzzzzzzz");
            eventually(
                    Duration.ofSeconds(20),
                    () -> assertThat(ackPending())
                            .as("every message, refused ones too, acknowledged")
                            .isZero());
        }
    }

    private long ackPending() {
        try {
            return publisher
                    .jetStreamManagement()
                    .getConsumerInfo(settings.stream(), settings.durable())
                    .getNumAckPending();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String event(int n) {
        return "{\"type\":\"conversation_started\",\"agentId\":\"" + Fixtures.AGENT.value() + "\",\"id\":\"evt-" + n
                + "\",\"data\":{\"n\":" + n + "}}";
    }

    private static int sequence(OutboundRequest request) {
        Matcher matcher = SEQUENCE.matcher(new String(request.body(), StandardCharsets.UTF_8));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
