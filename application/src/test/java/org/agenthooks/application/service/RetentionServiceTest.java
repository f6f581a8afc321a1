package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.testing.Eventually;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

class RetentionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    /** Answers each purge with the next of the given counts (then 0), or throws when the next one is negative. */
    private static final class ScriptedPurges implements EventRepository {
        final List<Instant> cutoffs = new CopyOnWriteArrayList<>();
        private final Deque<Integer> counts;

        ScriptedPurges(Integer... counts) {
            this.counts = new ArrayDeque<>(List.of(counts));
        }

        @Override
        public synchronized int purge(Instant cutoff, int limit) {
            assertThat(limit).isEqualTo(RetentionService.BATCH);
            cutoffs.add(cutoff);
            int next = counts.isEmpty() ? 0 : counts.removeFirst();
            if (next < 0) {
                throw new IllegalStateException("the database is down");
            }
            return next;
        }

        @Override
        public List<AppendResult> appendAll(List<NewEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void a_purge_deletes_batch_after_batch_until_one_comes_back_short_all_with_one_cutoff() {
        ScriptedPurges events = new ScriptedPurges(RetentionService.BATCH, RetentionService.BATCH, 7, 500);
        RetentionService retention = new RetentionService(events, new TestClock(NOW), THIRTY_DAYS);

        assertThat(retention.purgeExpired()).isEqualTo(2 * RetentionService.BATCH + 7);
        assertThat(events.cutoffs)
                .containsExactly(NOW.minus(THIRTY_DAYS), NOW.minus(THIRTY_DAYS), NOW.minus(THIRTY_DAYS));
    }

    @Test
    void the_schedule_purges_at_once_and_again_after_a_failure() {
        ScriptedPurges events = new ScriptedPurges(-1, 3);
        try (RetentionService retention = new RetentionService(events, new TestClock(NOW), THIRTY_DAYS)) {
            retention.start(Duration.ofMillis(20));

            eventually(Duration.ofSeconds(10), () -> assertThat(events.cutoffs).hasSizeGreaterThanOrEqualTo(3));
        }
        int afterClose = events.cutoffs.size();
        assertThat(events.cutoffs).allSatisfy(cutoff -> assertThat(cutoff).isEqualTo(NOW.minus(THIRTY_DAYS)));
        Eventually.throughout(
                Duration.ofMillis(100), () -> assertThat(events.cutoffs).hasSize(afterClose));
    }

    @Test
    void a_retention_shorter_than_an_idempotency_keys_window_is_refused() {
        assertThatThrownBy(() -> new RetentionService(
                        new ScriptedPurges(),
                        new TestClock(NOW),
                        IngestEventService.IDEMPOTENCY_WINDOW.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least PT24H");
        new RetentionService(new ScriptedPurges(), new TestClock(NOW), IngestEventService.IDEMPOTENCY_WINDOW).close();
    }
}
