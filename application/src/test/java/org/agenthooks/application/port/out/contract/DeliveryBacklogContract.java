package org.agenthooks.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link DeliveryBacklog} does, over a store that other tests of the class may have
 * written to: so each test compares with the backlog it found, and its own deliveries are older than any earlier
 * test's (see {@link EventAndDeliveryFixture}). Subclass it once per implementation.
 */
public abstract class DeliveryBacklogContract extends EventAndDeliveryFixture {
    /** The backlog port over the same store as {@link #ports()}. */
    protected abstract DeliveryBacklog backlogOf(EventAndDeliveryRepositories ports);

    private DeliveryBacklog backlog() {
        return backlogOf(new EventAndDeliveryRepositories(repositories, events, deliveries));
    }

    @Test
    void appended_deliveries_are_pending_and_the_oldest_is_the_earliest_created() {
        long before = backlog().backlog().pending();

        Delivery oldest = appendLeased(t0.minusSeconds(30), first, second).getFirst();
        appendLeased(t0, elsewhere);

        Backlog backlog = backlog().backlog();
        assertThat(backlog.pending()).isEqualTo(before + 3);
        assertThat(backlog.oldestCreatedAt()).contains(oldest.createdAt());
    }

    @Test
    void a_delivery_that_succeeded_is_no_longer_pending() {
        List<Delivery> appended = appendLeased(t0.minusSeconds(10), first);
        appendLeased(t0.minusSeconds(20), second);
        appendLeased(t0.minusSeconds(30), elsewhere);
        long before = backlog().backlog().pending();
        Delivery succeeded = appended.getFirst();

        deliveries.recordAttempts(List.of(attempt(succeeded, ok(), t0)));
        Backlog afterSuccess = backlog().backlog();

        assertThat(afterSuccess.pending()).isEqualTo(before - 1);
        assertThat(afterSuccess.oldestCreatedAt()).contains(t0.minusSeconds(30));
    }

    @Test
    void deliveries_of_a_paused_webhook_are_left_out() {
        long before = backlog().backlog().pending();

        appendLeased(t0.minusSeconds(60), paused);
        appendLeased(t0, first);

        Backlog backlog = backlog().backlog();
        assertThat(backlog.pending()).isEqualTo(before + 1);
        assertThat(backlog.oldestCreatedAt()).contains(t0);
    }

    @Test
    void a_failed_attempt_with_retries_left_keeps_the_delivery_pending() {
        Delivery retried = appendLeased(t0.minusSeconds(5), first).getFirst();
        long before = backlog().backlog().pending();

        deliveries.recordAttempts(List.of(attempt(retried, serverError(), t0)));

        Backlog backlog = backlog().backlog();
        assertThat(backlog.pending()).isEqualTo(before);
        assertThat(backlog.oldestCreatedAt()).contains(retried.createdAt());
    }

    private static AttemptResult serverError() {
        return AttemptResult.answered(500, Optional.empty(), Duration.ofMillis(40), "down");
    }
}
