package org.agenthooks.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class AttemptRecorderTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final List<List<RecordedAttempt>> stored = new CopyOnWriteArrayList<>();
    /** Attempts the repository refuses as a constraint would; a batch holding one is stored not at all. */
    private final Set<RecordedAttempt> refused = ConcurrentHashMap.newKeySet();

    private final AtomicInteger unavailableCalls = new AtomicInteger();
    /** Only recordAttempts is called by the recorder; any other call fails the test. */
    private final DeliveryRepository repository = (DeliveryRepository) Proxy.newProxyInstance(
            DeliveryRepository.class.getClassLoader(),
            new Class<?>[] {DeliveryRepository.class},
            (proxy, method, args) -> {
                if (!method.getName().equals("recordAttempts")) {
                    throw new AssertionError("unexpected call: " + method.getName());
                }
                @SuppressWarnings("unchecked")
                List<RecordedAttempt> batch = (List<RecordedAttempt>) args[0];
                if (unavailableCalls.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    throw new StorageUnavailableException("down", null);
                }
                if (batch.stream().anyMatch(refused::contains)) {
                    throw new IllegalStateException("duplicate key");
                }
                stored.add(List.copyOf(batch));
                return null;
            });

    @Test
    void attempts_finished_within_the_linger_share_one_commit() throws Exception {
        try (AttemptRecorder recorder = recorder(10, Duration.ofMillis(300))) {
            recorder.start();
            for (int i = 0; i < 3; i++) {
                recorder.add(finishedAttempt());
                TimeUnit.MILLISECONDS.sleep(20);
            }
            awaitStored(3);
        }

        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst()).hasSize(3);
    }

    @Test
    void a_full_batch_is_stored_without_waiting_out_the_linger() throws Exception {
        long start = System.nanoTime();
        try (AttemptRecorder recorder = recorder(2, Duration.ofSeconds(30))) {
            for (int i = 0; i < 4; i++) {
                recorder.add(finishedAttempt());
            }
            recorder.start();
            awaitStored(4);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(stored).extracting(List::size).containsExactly(2, 2);
    }

    @Test
    void without_a_linger_each_attempt_is_stored_as_soon_as_it_comes() throws Exception {
        try (AttemptRecorder recorder = recorder(10, Duration.ZERO)) {
            recorder.start();
            recorder.add(finishedAttempt());
            awaitStored(1);
            recorder.add(finishedAttempt());
            awaitStored(2);
        }

        assertThat(stored).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void an_attempt_the_database_refuses_is_let_go_alone_and_the_rest_of_its_batch_is_stored() throws Exception {
        List<RecordedAttempt> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(finishedAttempt());
        }
        RecordedAttempt bad = batch.get(4);
        refused.add(bad);
        try (AttemptRecorder recorder = recorder(7, Duration.ofMillis(200))) {
            batch.forEach(recorder::add);
            recorder.start();
            awaitStored(6);
            RecordedAttempt later = finishedAttempt();
            recorder.add(later);
            awaitStored(7);
            assertThat(stored.getLast()).containsExactly(later);
        }

        assertThat(stored.stream().flatMap(List::stream)).doesNotContain(bad).hasSize(7);
    }

    @Test
    void while_the_database_cannot_be_reached_the_whole_batch_waits_and_is_stored_together() throws Exception {
        unavailableCalls.set(2);
        try (AttemptRecorder recorder = recorder(3, Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                recorder.add(finishedAttempt());
            }
            recorder.start();
            awaitStored(3);
        }

        assertThat(unavailableCalls).hasValue(0);
        assertThat(stored).extracting(List::size).containsExactly(3);
    }

    private AttemptRecorder recorder(int batchSize, Duration linger) {
        return new AttemptRecorder(repository, batchSize, linger, Duration.ofSeconds(5), batch -> {}, batch -> {});
    }

    private void awaitStored(int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stored.stream().mapToInt(List::size).sum() < attempts && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(stored.stream().mapToInt(List::size).sum()).isEqualTo(attempts);
    }

    private static RecordedAttempt finishedAttempt() {
        AgentEvent event = new AgentEvent(
                EventId.random(),
                new WorkspaceId("org_recorderTest0001"),
                new AgentId("D5D0p7TUs66TTAEAx"),
                EventType.CONVERSATION_STARTED,
                Optional.empty(),
                new EventData("{}"),
                NOW);
        AttemptResult ok = AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(3), "");
        Delivery next = Delivery.of(event, WebhookId.random(), NOW).after(ok, RetrySchedule.STANDARD, NOW, () -> 0);
        return new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), NOW, ok));
    }
}
