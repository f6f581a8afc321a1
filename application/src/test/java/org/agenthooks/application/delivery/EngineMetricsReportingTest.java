package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.ScriptedWebhookSender.ok;
import static org.agenthooks.application.testing.ScriptedWebhookSender.refused;
import static org.agenthooks.application.testing.ScriptedWebhookSender.status;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.agenthooks.application.fakes.RecordingEngineMetrics.FinishedAttempt;
import org.agenthooks.application.port.out.AttemptOutcome;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.event.IdempotencyKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the engine reports through its metrics port: each ingest once, each attempt with what it led to. */
class EngineMetricsReportingTest {
    private final DeliveryHarness world = new DeliveryHarness();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void an_ingested_event_is_reported_once_by_type_and_a_repeat_of_its_key_not_again() {
        Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("order-1"));

        world.ingest.ingest(DeliveryHarness.command(AGENT, CONVERSATION_ENDED, key));
        world.ingest.ingest(DeliveryHarness.command(AGENT, CONVERSATION_ENDED, key));
        world.ingest(CONVERSATION_STARTED);

        assertThat(world.metrics.ingested(CONVERSATION_ENDED)).isEqualTo(1);
        assertThat(world.metrics.ingested(CONVERSATION_STARTED)).isEqualTo(1);
    }

    @Test
    void a_success_is_reported_with_the_time_the_attempt_took() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        AttemptResult slow = AttemptResult.answered(204, Optional.empty(), Duration.ofMillis(1234), "");
        world.sender.answer(slow);

        world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(world.metrics.attempts())
                        .containsExactly(new FinishedAttempt(AttemptOutcome.SUCCEEDED, Duration.ofMillis(1234))));
    }

    @Test
    void a_failure_with_attempts_left_is_a_retry_and_the_last_one_a_failure() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(status(500));

        world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(world.metrics.outcomes())
                        .containsExactly(AttemptOutcome.RETRIED, AttemptOutcome.RETRIED, AttemptOutcome.FAILED));
    }

    @Test
    void an_unreachable_receiver_then_a_success_is_one_retry_and_one_success() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(refused(), ok());

        world.ingest(CONVERSATION_ENDED);

        eventually(
                WITHIN,
                () -> assertThat(world.metrics.outcomes())
                        .containsExactly(AttemptOutcome.RETRIED, AttemptOutcome.SUCCEEDED));
    }

    @Test
    void a_410_is_reported_as_gone() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(410));

        world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.metrics.outcomes()).containsExactly(AttemptOutcome.GONE));
    }

    @Test
    void attempts_in_flight_count_the_attempts_waiting_for_their_receiver() {
        world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.webhook("https://two.example.com/hooks", CONVERSATION_ENDED);
        world.sender.hold();

        world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(world.dispatcher.attemptsInFlight()).isEqualTo(2));
        world.sender.release();
        eventually(WITHIN, () -> assertThat(world.dispatcher.attemptsInFlight()).isZero());
        assertThat(world.metrics.outcomes()).containsExactly(AttemptOutcome.SUCCEEDED, AttemptOutcome.SUCCEEDED);
    }
}
