package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.OTHER_WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.agenthooks.application.testing.Fixtures.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryDeliveryRepository;
import org.agenthooks.application.fakes.InMemoryEventRepository;
import org.agenthooks.application.fakes.InMemoryTables;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.in.WebhookStats;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.query.DeliveryCounts;
import org.agenthooks.application.port.query.WebhookStatsQuery;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookDefinition;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

class WebhookStatsServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:17:42.5Z");
    private static final Instant THIS_HOUR = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    private final InMemoryTables tables = new InMemoryTables(webhooks);
    private final InMemoryEventRepository events = new InMemoryEventRepository(tables);
    private final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository(tables);
    private final WebhookStatsService service = new WebhookStatsService(webhooks, deliveries, new TestClock(NOW));
    private final Webhook crm = webhook();

    @Test
    void by_default_the_last_24_hours_are_counted_hour_by_hour_including_this_one() {
        deliveryAt(THIS_HOUR.minus(Duration.ofHours(23)));
        attempted(deliveryAt(THIS_HOUR.plusSeconds(5)), 200);
        attempted(deliveryAt(THIS_HOUR.plusSeconds(6)), 410);
        deliveryAt(NOW);
        deliveryAt(THIS_HOUR.minus(Duration.ofHours(23)).minusNanos(1_000)); // the hour before the window

        WebhookStats stats = service.stats(new WebhookStatsQuery(WORKSPACE, crm.id(), Optional.empty()));

        assertThat(stats.since()).isEqualTo(THIS_HOUR.minus(Duration.ofHours(23)));
        assertThat(stats.until()).isEqualTo(THIS_HOUR.plus(Duration.ofHours(1)));
        assertThat(stats.hours()).hasSize(24);
        assertThat(stats.hours().getFirst())
                .isEqualTo(new WebhookStats.Hour(THIS_HOUR.minus(Duration.ofHours(23)), new DeliveryCounts(1, 0, 0)));
        assertThat(stats.hours().get(1).counts()).isEqualTo(DeliveryCounts.NONE);
        assertThat(stats.hours().getLast()).isEqualTo(new WebhookStats.Hour(THIS_HOUR, new DeliveryCounts(1, 1, 1)));
        assertThat(stats.totals()).isEqualTo(new DeliveryCounts(2, 1, 1));
    }

    @Test
    void since_starts_the_count_at_its_hour() {
        deliveryAt(THIS_HOUR.minus(Duration.ofHours(30)));

        WebhookStats stats = service.stats(new WebhookStatsQuery(
                WORKSPACE,
                crm.id(),
                Optional.of(THIS_HOUR.minus(Duration.ofHours(30)).plusSeconds(59 * 60))));

        assertThat(stats.since()).isEqualTo(THIS_HOUR.minus(Duration.ofHours(30)));
        assertThat(stats.hours()).hasSize(31);
        assertThat(stats.totals()).isEqualTo(new DeliveryCounts(1, 0, 0));
    }

    @Test
    void since_may_reach_back_7_days_and_not_into_the_future() {
        Instant weekAgo = THIS_HOUR.minus(Duration.ofHours(7 * 24 - 1));

        assertThat(service.stats(new WebhookStatsQuery(WORKSPACE, crm.id(), Optional.of(weekAgo)))
                        .hours())
                .hasSize(7 * 24);
        assertRejected(
                "since",
                () -> service.stats(
                        new WebhookStatsQuery(WORKSPACE, crm.id(), Optional.of(weekAgo.minus(Duration.ofHours(1))))));
        assertRejected(
                "since",
                () -> service.stats(
                        new WebhookStatsQuery(WORKSPACE, crm.id(), Optional.of(THIS_HOUR.plus(Duration.ofHours(1))))));
    }

    @Test
    void a_webhook_of_another_workspace_or_none_at_all_is_not_found() {
        assertNotFound(
                "webhook",
                crm.id().value(),
                () -> service.stats(new WebhookStatsQuery(OTHER_WORKSPACE, crm.id(), Optional.empty())));
        WebhookId unknown = WebhookId.random();
        assertNotFound(
                "webhook",
                unknown.value(),
                () -> service.stats(new WebhookStatsQuery(WORKSPACE, unknown, Optional.empty())));
    }

    private Webhook webhook() {
        Webhook webhook = Webhook.register(
                WORKSPACE,
                new WebhookDefinition(
                        new WebhookName("CRM"),
                        new WebhookUrl("https://crm.example.com/hooks"),
                        AGENT,
                        GIVEN_SECRET,
                        Subscriptions.of(EventType.CONVERSATION_ENDED),
                        true),
                NOW.minus(Duration.ofDays(30)));
        webhooks.add(webhook);
        return webhook;
    }

    private Delivery deliveryAt(Instant at) {
        AgentEvent event = new AgentEvent(
                EventId.random(),
                WORKSPACE,
                AGENT,
                EventType.CONVERSATION_ENDED,
                Optional.empty(),
                new EventData("{}"),
                at);
        Delivery delivery = Delivery.of(event, crm.id(), at);
        events.append(new NewEvent(event, Optional.empty(), at, List.of(delivery), at));
        return delivery;
    }

    private void attempted(Delivery delivery, int status) {
        AttemptResult result = AttemptResult.answered(status, Optional.empty(), Duration.ofMillis(3), "");
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, NOW, () -> 0);
        deliveries.recordAttempts(
                List.of(new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), NOW, result))));
    }
}
