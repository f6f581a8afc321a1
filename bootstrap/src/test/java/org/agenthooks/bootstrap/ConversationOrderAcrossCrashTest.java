package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.service.SeedDemoWorkspaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation order across a SIGKILL: 300 conversations of three events each are posted (each with a client
 * {@code id}, posted again until a {@code 202}) to a service delivering them to a receiver that refuses about
 * 30 % of the events once or twice; with the first half of the conversations accepted and refused events being
 * retried, the service process is killed just as the second half starts posting, and started again on the same
 * database while the posting goes on. Every event that
 * got a {@code 202} arrives, and per conversation the receiver sees each event only once every earlier one was
 * accepted, except on a request saying {@code webhook-order: released}.
 */
class ConversationOrderAcrossCrashTest {
    private static final String API_KEY = "key_OrderCrash1.conversation-crash-secret-0123456789";
    private static final String AGENT = SeedDemoWorkspaceService.DOCS_AGENT.value();
    private static final List<String> TYPES =
            List.of("conversation_started", "conversation_ended", "conversation_analysed");
    private static final int CONVERSATIONS = 300;
    private static final int EVENTS = CONVERSATIONS * TYPES.size();
    private static final int POSTERS = 16;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void a_sigkill_and_restart_on_h2_keep_every_conversation_in_order() throws Exception {
        Map<String, String> environment = new HashMap<>(settings());
        environment.put("DB_CONNECTION_URL", "jdbc:h2:file:" + workDir.resolve("webhooks") + ";WRITE_DELAY=0");
        killMidStreamAndRestart(environment);
    }

    @Test
    void a_sigkill_and_restart_on_postgresql_keep_every_conversation_in_order() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> environment = new HashMap<>(settings());
            environment.putAll(database.environment());
            killMidStreamAndRestart(environment);
        }
    }

    private void killMidStreamAndRestart(Map<String, String> environment) throws Exception {
        int port = ServiceProcess.freePort();
        ServiceClient api = new ServiceClient(port, API_KEY);
        Set<String> acceptedPosts = ConcurrentHashMap.newKeySet();
        try (ConversationOrderReceiver receiver = new ConversationOrderReceiver(0.2, 0.1)) {
            ServiceProcess first = ServiceProcess.start(workDir, port, environment);
            ServiceProcess second = null;
            try {
                api.json(
                        "POST",
                        "/v1/webhooks",
                        """
                        {"name":"ordered","url":"%s","agentId":"%s","events":%s}""".formatted(receiver.url(), AGENT, "[\"" + String.join("\",\"", TYPES) + "\"]"),
                        201);
                AtomicInteger next = new AtomicInteger();
                // The second half waits for the kill, so that the kill comes mid-stream however fast the machine.
                CountDownLatch secondHalf = new CountDownLatch(1);
                try (ExecutorService posters = Executors.newFixedThreadPool(POSTERS)) {
                    List<Future<?>> running = new ArrayList<>();
                    for (int p = 0; p < POSTERS; p++) {
                        running.add(posters.submit(() -> {
                            for (int i = next.getAndIncrement(); i < CONVERSATIONS; i = next.getAndIncrement()) {
                                if (i >= CONVERSATIONS / 2) {
                                    secondHalf.await();
                                }
                                for (int e = 0; e < TYPES.size(); e++) {
                                    acceptedPosts.add(postUntilAccepted(api, i, e));
                                }
                            }
                            return null;
                        }));
                    }
                    Eventually.within(
                            Duration.ofSeconds(60),
                            () -> assertThat(acceptedPosts).hasSizeGreaterThanOrEqualTo(EVENTS / 2));
                    Eventually.within(
                            Duration.ofSeconds(30),
                            () -> assertThat(receiver.requests())
                                    .as("some refused events are waiting for their retry")
                                    .isGreaterThan(receiver.acceptedEvents()));
                    secondHalf.countDown();
                    first.kill();
                    int postedAtKill = acceptedPosts.size();
                    int deliveredAtKill = receiver.acceptedEvents();
                    second = ServiceProcess.start(workDir, port, environment);
                    for (Future<?> poster : running) {
                        poster.get();
                    }
                    System.out.printf(
                            "ConversationOrderAcrossCrashTest: killed with %d of %d events accepted by the service"
                                    + " and %d by the receiver%n",
                            postedAtKill, EVENTS, deliveredAtKill);
                    assertThat(postedAtKill)
                            .as("the kill came while events were posted")
                            .isLessThan(EVENTS);
                    assertThat(deliveredAtKill)
                            .as("the kill came while events were delivered")
                            .isLessThan(EVENTS);
                }
                assertThat(acceptedPosts).hasSize(EVENTS);
                Eventually.within(
                        Duration.ofSeconds(120),
                        () -> assertThat(receiver.acceptedEventIds()).containsAll(acceptedPosts));
                System.out.printf(
                        "ConversationOrderAcrossCrashTest: all %d events accepted by the receiver after %d requests;"
                                + " %d arrived released%n",
                        EVENTS, receiver.requests(), receiver.released().size());
                assertThat(receiver.outOfOrder())
                        .as("events received before an earlier one of their conversation was accepted,"
                                + " without webhook-order: released")
                        .isEmpty();
                assertThat(receiver.unnumbered())
                        .as("payloads without a sequence")
                        .isZero();
                assertThat(receiver.conversationsComplete(TYPES.size())).isEqualTo(CONVERSATIONS);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    /**
     * Posts conversation {@code i}'s event {@code e} with a client id until the service answers {@code 202}: while it
     * is down or restarting, again; a post whose answer the kill cut off may have been stored, and its repeat then
     * returns the stored event instead of making a second one.
     */
    private static String postUntilAccepted(ServiceClient api, int i, int e) throws InterruptedException {
        String body = """
                {"id":"crash-conv-%d-%d","type":"%s","agentId":"%s","conversationId":"conv-%d","data":{"n":%d}}""".formatted(i, e, TYPES.get(e), AGENT, i, e);
        for (int tries = 0; tries < 2_000; tries++) {
            try {
                HttpResponse<String> response = api.exchange("POST", "/v1/events", body);
                if (response.statusCode() == 202) {
                    return ServiceClient.parse(response.body()).getString("eventId");
                }
                if (response.statusCode() != 503) {
                    throw new AssertionError("POST /v1/events: " + response.statusCode() + " " + response.body());
                }
            } catch (IOException down) {
                // refused, reset or timed out: the service is down or restarting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("conversation " + i + " event " + e + " was never accepted");
    }

    private static Map<String, String> settings() {
        return Map.of(
                "DEMO_API_KEY", API_KEY,
                "DELIVERY_LEASE", "5s",
                "DELIVERY_ATTEMPT_TIMEOUT", "2s",
                "DELIVERY_POLL_INTERVAL", "100ms",
                "DELIVERY_SCHEDULE", "0s, 200ms, 500ms, 1s, 2s",
                "DELIVERY_JITTER", "0",
                "DELIVERY_ORDER_HOLD", "10m");
    }
}
