package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation order with real processes on one PostgreSQL database: 1,000 conversations of three events each,
 * every conversation's events sent in alternately to two instances, delivered to a receiver that refuses about a
 * third of the events once or twice at random. Per conversation the receiver sees each event only once every
 * earlier one is accepted (there is no release here: the order hold is far longer than the test), every payload is
 * numbered, and all 3,000 are accepted.
 */
class ConversationOrderAcrossInstancesTest {
    private static final String API_KEY = "key_OrderInst01.conversation-order-secret-0123456789";
    private static final String AGENT = SeedDemoWorkspaceService.DOCS_AGENT.value();
    private static final List<String> TYPES =
            List.of("conversation_started", "conversation_ended", "conversation_analysed");
    private static final int CONVERSATIONS = 1_000;
    private static final int POSTERS = 48;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void two_instances_taking_one_conversations_events_alternately_deliver_them_in_order() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
                ConversationOrderReceiver receiver = new ConversationOrderReceiver(0.2, 0.1);
                ServiceProcess a = ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(database));
                ServiceProcess b = ServiceProcess.start(workDir, ServiceProcess.freePort(), environment(database))) {
            ServiceClient apiA = new ServiceClient(a.port, API_KEY);
            ServiceClient apiB = new ServiceClient(b.port, API_KEY);
            String webhook = apiA.json(
                            "POST",
                            "/v1/webhooks",
                            """
                            {"name":"ordered","url":"%s","agentId":"%s","events":%s}""".formatted(receiver.url(), AGENT, "[\"" + String.join("\",\"", TYPES) + "\"]"),
                            201)
                    .getString("webhookId");
            assertThat(apiB.get("/v1/webhooks/" + webhook).getString("ordering"))
                    .isEqualTo("conversation");

            long started = System.nanoTime();
            post(apiA, apiB);
            long posted = System.nanoTime();

            Eventually.within(
                    Duration.ofSeconds(90),
                    () -> assertThat(receiver.acceptedEvents()).isEqualTo(CONVERSATIONS * TYPES.size()));
            long delivered = System.nanoTime();
            System.out.printf(
                    "ConversationOrderAcrossInstancesTest: %d events of %d conversations posted alternately to two"
                            + " instances in %d ms; all accepted %d ms after the first post; %d requests%n",
                    CONVERSATIONS * TYPES.size(),
                    CONVERSATIONS,
                    (posted - started) / 1_000_000,
                    (delivered - started) / 1_000_000,
                    receiver.requests());
            assertThat(receiver.outOfOrder())
                    .as("events received before an earlier one was accepted")
                    .isEmpty();
            assertThat(receiver.released()).as("releases announced").isEmpty();
            assertThat(receiver.unnumbered()).as("payloads without a sequence").isZero();
            assertThat(receiver.conversationsComplete(TYPES.size())).isEqualTo(CONVERSATIONS);
            assertThat(receiver.requests()).as("some events were refused first").isGreaterThan(CONVERSATIONS * 3);
        }
    }

    /** Conversation i's events in order, each sent to the instance the one before it was not sent to. */
    private static void post(ServiceClient apiA, ServiceClient apiB) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService posters = Executors.newFixedThreadPool(POSTERS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                running.add(posters.submit(() -> {
                    for (int i = next.getAndIncrement(); i < CONVERSATIONS; i = next.getAndIncrement()) {
                        for (int e = 0; e < TYPES.size(); e++) {
                            ServiceClient api = (i + e) % 2 == 0 ? apiA : apiB;
                            api.json("POST", "/v1/events", """
                                    {"type":"%s","agentId":"%s","conversationId":"conv-%d","data":{"n":%d}}""".formatted(TYPES.get(e), AGENT, i, e), 202);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> poster : running) {
                poster.get();
            }
        }
    }

    private static Map<String, String> environment(PostgresDatabase database) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.putAll(Map.of(
                "DEMO_ENABLED", "true",
                "DEMO_API_KEY", API_KEY,
                "DB_POOL_MAX_SIZE", "8",
                "DELIVERY_LEASE", "30s",
                "DELIVERY_ATTEMPT_TIMEOUT", "4s",
                "DELIVERY_POLL_INTERVAL", "100ms",
                "DELIVERY_SCHEDULE", "0s, 200ms, 500ms, 1s, 2s",
                "DELIVERY_JITTER", "0",
                "DELIVERY_ORDER_HOLD", "10m"));
        return environment;
    }
}
