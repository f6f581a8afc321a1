package org.agenthooks.application.service;

import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.agenthooks.application.testing.Fixtures.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.query.ListWebhookEventsQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.junit.jupiter.api.Test;

class ListWebhookEventsServiceTest {
    private final RecoveryScenario given = new RecoveryScenario();
    private final ListWebhookEventsService pull =
            new ListWebhookEventsService(given.webhooks, given.history, given.clock);
    private final Instant t0 = given.clock.instant();

    @Test
    void a_receiver_pulls_its_events_oldest_first_page_by_page_with_the_bytes_it_is_sent() {
        AgentEvent first = given.sent(t0, true);
        AgentEvent second = given.sent(t0.plusSeconds(1), false);
        AgentEvent third = given.sent(t0.plusSeconds(2), true);
        given.clock.advance(Duration.ofMinutes(5));

        Page<WebhookEvent> page = pull.list(query(Optional.empty(), 2));
        Page<WebhookEvent> rest = pull.list(query(page.next(), 2));

        assertThat(page.items()).extracting(WebhookEvent::event).containsExactly(first, second);
        assertThat(page.items())
                .extracting(WebhookEvent::deliveryStatus)
                .containsExactly(DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED);
        assertThat(rest.items()).extracting(WebhookEvent::event).containsExactly(third);
        assertThat(rest.next()).isEmpty();
        assertThat(page.items().getFirst().event().payload()).isEqualTo(first.payload());
    }

    @Test
    void retention_bounds_how_far_back_a_receiver_can_pull() {
        given.sent(t0, true);
        AgentEvent kept = given.sent(t0.plus(Duration.ofDays(29)), true);
        given.clock.advance(Duration.ofDays(31));
        new RetentionService(given.events, given.clock, Duration.ofDays(30)).purgeExpired();

        assertThat(pull.list(query(Optional.empty(), 10)).items())
                .extracting(WebhookEvent::event)
                .containsExactly(kept);
    }

    @Test
    void another_workspaces_webhook_is_not_found() {
        given.sent(t0, true, given.foreign);

        assertNotFound(
                "webhook",
                given.foreign.id().value(),
                () -> pull.list(new ListWebhookEventsQuery(
                        WORKSPACE, given.foreign.id(), Optional.empty(), PageLimit.DEFAULT)));
    }

    private ListWebhookEventsQuery query(Optional<org.agenthooks.application.port.query.PageCursor> after, int limit) {
        return new ListWebhookEventsQuery(WORKSPACE, given.webhook.id(), after, new PageLimit(limit));
    }
}
