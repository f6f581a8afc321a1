package org.agenthooks.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.Replay;
import org.agenthooks.application.port.out.WebhookEventsQuery;
import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link WebhookHistory} does, over the same store as the event and delivery
 * repositories: a webhook's events oldest first with their latest delivery's status, and replays with their keys.
 */
public abstract class WebhookHistoryContract extends EventAndDeliveryFixture {
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    private WebhookHistory history;

    /** The history over the store of the ports {@link #ports()} gave this test. */
    protected abstract WebhookHistory history();

    @BeforeEach
    void setUpHistory() {
        history = history();
    }

    @Test
    void a_webhooks_events_come_oldest_first_with_their_delivery_status_and_only_its_own() {
        AgentEvent later = append(t0.plusSeconds(2), first, second);
        AgentEvent earlier = append(t0.plusSeconds(1), first);
        append(t0.plusSeconds(3), second);
        appendLeased(t0.plusSeconds(1), elsewhere);

        List<WebhookEvent> events = history.events(query(first, t0, FAR, Optional.empty(), 10));

        assertThat(events).extracting(WebhookEvent::event).containsExactly(earlier, later);
        assertThat(events).extracting(WebhookEvent::deliveryStatus).containsOnly(DeliveryStatus.PENDING);
        assertThat(events.getFirst().event().payload()).isEqualTo(earlier.payload());
    }

    @Test
    void the_window_includes_since_excludes_until_and_the_cursor_goes_on_after_an_event() {
        AgentEvent atSince = append(t0, first);
        AgentEvent inside = append(t0.plusSeconds(5), first);
        append(t0.plusSeconds(10), first);

        assertThat(history.events(query(first, t0, t0.plusSeconds(10), Optional.empty(), 10)))
                .extracting(WebhookEvent::event)
                .containsExactly(atSince, inside);
        PageCursor afterFirst =
                new PageCursor(atSince.occurredAt(), atSince.id().value());
        assertThat(history.events(new WebhookEventsQuery(
                        workspace, first.id(), t0, t0.plusSeconds(10), Optional.empty(), Optional.of(afterFirst), 10)))
                .extracting(WebhookEvent::event)
                .containsExactly(inside);
        assertThat(history.events(query(first, t0, FAR, Optional.empty(), 1))).hasSize(1);
    }

    @Test
    void the_status_is_the_latest_deliverys_and_filters_on_it() {
        AgentEvent gone = append(t0, first);
        AgentEvent pending = append(t0.plusSeconds(1), first);
        Delivery delivered = deliveries.forEvent(workspace, gone.id()).getFirst();
        deliveries.recordAttempts(List.of(attempt(
                delivered,
                AttemptResult.answered(410, Optional.empty(), Duration.ofMillis(3), "gone"),
                t0.plusSeconds(2))));

        assertThat(history.events(query(first, t0, FAR, Optional.of(DeliveryStatus.FAILED), 10)))
                .extracting(WebhookEvent::event)
                .containsExactly(gone);

        Delivery replayed = Delivery.of(gone, first.id(), t0.plusSeconds(3));
        history.record(replay(first, Optional.empty(), List.of(replayed), t0.plusSeconds(3)), t0);

        assertThat(history.events(query(first, t0, FAR, Optional.of(DeliveryStatus.FAILED), 10)))
                .isEmpty();
        assertThat(history.events(query(first, t0, FAR, Optional.of(DeliveryStatus.PENDING), 10)))
                .extracting(WebhookEvent::event)
                .containsExactly(gone, pending);
    }

    @Test
    void a_recorded_replay_is_a_new_unleased_delivery_of_the_same_event_that_any_poller_claims() {
        AgentEvent event = append(t0, first);
        Instant now = t0.plusSeconds(60);
        Delivery again = Delivery.of(event, first.id(), now);

        ReplayOutcome outcome = history.record(replay(first, Optional.empty(), List.of(again), now), now);

        assertThat(outcome.replayed()).isEqualTo(1);
        assertThat(deliveries.forEvent(workspace, event.id())).hasSize(2).contains(again);
        List<DeliveryJob> claimed = deliveries.claimDue(now, now.plus(LEASE), 100);
        assertThat(claimed).extracting(DeliveryJob::delivery).contains(again);
        DeliveryJob job = claimed.stream()
                .filter(j -> j.delivery().equals(again))
                .findFirst()
                .orElseThrow();
        assertThat(job.payload()).isEqualTo(event.payload());
    }

    @Test
    void a_key_used_within_its_window_answers_its_first_outcome_and_stores_nothing_more() {
        AgentEvent event = append(t0, first);
        IdempotencyKey key = new IdempotencyKey("replay-after-outage");
        Instant now = t0.plusSeconds(60);
        ReplayOutcome first = history.record(
                replay(this.first, Optional.of(key), List.of(Delivery.of(event, this.first.id(), now)), now), t0);

        ReplayOutcome repeat = history.record(
                replay(this.first, Optional.of(key), List.of(Delivery.of(event, this.first.id(), now)), now), t0);

        assertThat(repeat).isEqualTo(first);
        assertThat(deliveries.forEvent(workspace, event.id())).hasSize(2);
        assertThat(history.replayed(workspace, this.first.id(), key, t0)).contains(first);
        assertThat(history.replayed(workspace, second.id(), key, t0)).isEmpty();
        assertThat(history.replayed(workspace, this.first.id(), key, now.plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void a_key_older_than_its_window_is_used_afresh() {
        AgentEvent event = append(t0, first);
        IdempotencyKey key = new IdempotencyKey("daily");
        history.record(replay(first, Optional.of(key), List.of(Delivery.of(event, first.id(), t0)), t0), t0);
        Instant dayLater = t0.plus(Duration.ofHours(25));

        ReplayOutcome again = history.record(
                replay(first, Optional.of(key), List.of(Delivery.of(event, first.id(), dayLater)), dayLater),
                dayLater.minus(Duration.ofHours(24)));

        assertThat(again.replayed()).isEqualTo(1);
        assertThat(deliveries.forEvent(workspace, event.id())).hasSize(3);
    }

    @Test
    void a_replay_for_a_removed_webhook_stores_nothing() {
        AgentEvent event = append(t0, first);
        repositories.webhooks().remove(workspace, first.id());

        ReplayOutcome outcome =
                history.record(replay(first, Optional.empty(), List.of(Delivery.of(event, first.id(), t0)), t0), t0);

        assertThat(outcome.replayed()).isZero();
        assertThat(deliveries.forEvent(workspace, event.id())).isEmpty();
    }

    private AgentEvent append(Instant at, Webhook... to) {
        AgentEvent event = eventFor(to[0], at);
        events.append(unkeyed(event, at.plus(Duration.ofDays(365)), to));
        return event;
    }

    private WebhookEventsQuery query(
            Webhook webhook, Instant since, Instant until, Optional<DeliveryStatus> status, int fetch) {
        return new WebhookEventsQuery(workspace, webhook.id(), since, until, status, Optional.empty(), fetch);
    }

    private Replay replay(Webhook webhook, Optional<IdempotencyKey> key, List<Delivery> deliveries, Instant at) {
        return new Replay(
                workspace, webhook.id(), key, deliveries, new ReplayOutcome(deliveries.size(), Optional.empty()), at);
    }
}
