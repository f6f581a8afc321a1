package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.DeliveryHarness.A_WHILE;
import static org.agenthooks.application.testing.DeliveryHarness.WITHIN;
import static org.agenthooks.application.testing.Eventually.eventually;
import static org.agenthooks.application.testing.Eventually.throughout;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.ScriptedWebhookSender.ok;
import static org.agenthooks.application.testing.ScriptedWebhookSender.status;
import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.application.testing.DeliveryHarness;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auto-disable with the window shrunk from days to 1.5 s, and retries every 40 ms. */
class AutoDisableTest {
    private static final Duration DISABLE_AFTER = Duration.ofMillis(1_500);
    private static final RetrySchedule EVERY_40_MS =
            new RetrySchedule(Collections.nCopies(200, Duration.ofMillis(40)), 0);

    private final DeliveryHarness world = new DeliveryHarness(EVERY_40_MS, DISABLE_AFTER);

    @AfterEach
    void stop() {
        world.close();
    }

    private Webhook stored(Webhook webhook) {
        return world.webhooks.find(WORKSPACE, webhook.id()).orElseThrow();
    }

    private Delivery onlyDelivery(IngestedEvent ingested) {
        return world.onlyDeliveryOf(ingested.eventId());
    }

    @Test
    void a_webhook_whose_attempts_all_fail_for_the_window_is_disabled_once_with_its_reason_and_stops() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(status(500));

        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(stored(webhook).active()).isFalse());
        Webhook disabled = stored(webhook);
        assertThat(disabled.disablement()).hasValueSatisfying(disablement -> {
            assertThat(disablement.reason()).startsWith("all deliveries failed since ");
            assertThat(disablement.at()).isEqualTo(disabled.updatedAt());
        });
        int attemptsWhenDisabled = world.sender.count();
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isLessThanOrEqualTo(attemptsWhenDisabled + 1));
        int settled = world.sender.count();
        throughout(A_WHILE, () -> assertThat(world.sender.count()).isEqualTo(settled));
        assertThat(onlyDelivery(ingested).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(world.autoDisabled)
                .containsExactly(disabled.disablement().orElseThrow().reason());
        Instant runBegan = Instant.parse(
                disabled.disablement().orElseThrow().reason().substring("all deliveries failed since ".length()));
        assertThat(Duration.between(
                        runBegan, disabled.disablement().orElseThrow().at()))
                .isGreaterThanOrEqualTo(DISABLE_AFTER);
    }

    @Test
    void a_410_disables_the_webhook_at_once_saying_so() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.answer(status(410));

        world.ingest(CONVERSATION_ENDED);

        eventually(WITHIN, () -> assertThat(stored(webhook).active()).isFalse());
        assertThat(stored(webhook).disablement())
                .hasValueSatisfying(
                        disablement -> assertThat(disablement.reason()).isEqualTo("answered 410 Gone"));
        assertThat(world.autoDisabled).containsExactly("answered 410 Gone");
    }

    @Test
    void a_success_within_the_window_starts_the_clock_again() throws InterruptedException {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        // Each event fails twice, then succeeds; the events span twice the window, no run of failures all of it.
        long started = System.nanoTime();
        int events = 0;
        while (Duration.ofNanos(System.nanoTime() - started).compareTo(DISABLE_AFTER.multipliedBy(2)) < 0) {
            world.sender.answer(status(500), status(500), ok());
            IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
            eventually(WITHIN, () -> assertThat(onlyDelivery(ingested).status()).isEqualTo(DeliveryStatus.SUCCEEDED));
            events++;
            Thread.sleep(DISABLE_AFTER.dividedBy(5));
        }

        assertThat(world.sender.count()).isEqualTo(events * 3);
        assertThat(stored(webhook).active()).isTrue();
        assertThat(stored(webhook).disablement()).isEmpty();
        assertThat(world.autoDisabled).isEmpty();
    }

    @Test
    void resuming_a_disabled_webhook_clears_its_reason_and_its_pending_deliveries_go_out_again() {
        Webhook webhook = world.webhook("https://one.example.com/hooks", CONVERSATION_ENDED);
        world.sender.otherwiseAnswer(status(503));
        IngestedEvent ingested = world.ingest(CONVERSATION_ENDED);
        eventually(WITHIN, () -> assertThat(stored(webhook).active()).isFalse());
        world.sender.otherwiseAnswer(ok());

        assertThat(world.webhooks.update(stored(webhook).resume(stored(webhook).updatedAt())))
                .isTrue();

        assertThat(stored(webhook).disablement()).isEmpty();
        eventually(WITHIN, () -> assertThat(onlyDelivery(ingested).status()).isEqualTo(DeliveryStatus.SUCCEEDED));
        assertThat(stored(webhook).active()).isTrue();
        assertThat(world.autoDisabled).hasSize(1);
    }
}
