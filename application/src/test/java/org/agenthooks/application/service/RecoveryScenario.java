package org.agenthooks.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.fakes.InMemoryDeliveryRepository;
import org.agenthooks.application.fakes.InMemoryEventRepository;
import org.agenthooks.application.fakes.InMemoryTables;
import org.agenthooks.application.fakes.InMemoryWebhookHistory;
import org.agenthooks.application.fakes.InMemoryWebhookRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.testing.Fixtures;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/** The fakes the recovery use cases run on, a webhook in two workspaces, and events sent to it at given times. */
final class RecoveryScenario {
    final TestClock clock = new TestClock(Fixtures.START);
    final InMemoryWebhookRepository webhooks = new InMemoryWebhookRepository();
    final InMemoryTables tables = new InMemoryTables(webhooks);
    final InMemoryEventRepository events = new InMemoryEventRepository(tables);
    final InMemoryDeliveryRepository deliveries = new InMemoryDeliveryRepository(tables);
    final InMemoryWebhookHistory history = new InMemoryWebhookHistory(tables);
    final Webhook webhook = webhook(Fixtures.WORKSPACE, Fixtures.GIVEN_SECRET);
    final Webhook foreign = webhook(Fixtures.OTHER_WORKSPACE, Secret.generate());

    RecoveryScenario() {
        webhooks.add(webhook);
        webhooks.add(foreign);
    }

    /** An event sent to {@code to} at {@code at}, its delivery done (succeeded, or failed for good). */
    AgentEvent sent(Instant at, boolean succeeded, Webhook to) {
        AgentEvent event = new AgentEvent(
                EventId.random(),
                to.workspaceId(),
                to.agentId(),
                EventType.CONVERSATION_ENDED,
                Optional.of(new ConversationId("conv-" + at.toEpochMilli())),
                new EventData("{\"text\":\"grüße\",\"at\":\"" + at + "\"}"),
                at);
        Delivery delivery = Delivery.of(event, to.id(), at);
        events.append(new NewEvent(event, Optional.empty(), at, List.of(delivery), at));
        AttemptResult result = succeeded
                ? AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(5), "ok")
                : AttemptResult.answered(410, Optional.empty(), Duration.ofMillis(5), "gone");
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, at, () -> 0);
        deliveries.recordAttempts(List.of(new RecordedAttempt(next, new Attempt(next.id(), 1, at, result))));
        // As stored: numbered in its conversation, so its payload is the one delivered.
        return events.find(event.workspaceId(), event.id()).orElseThrow();
    }

    AgentEvent sent(Instant at, boolean succeeded) {
        return sent(at, succeeded, webhook);
    }

    private static Webhook webhook(WorkspaceId workspace, Secret secret) {
        return Webhook.restore(
                WebhookId.random(),
                workspace,
                new WebhookName("Receiver"),
                Fixtures.AGENT,
                new WebhookUrl("https://receiver.example/hooks"),
                secret,
                Subscriptions.of(EventType.subscribableTypes()),
                true,
                Fixtures.START,
                Fixtures.START);
    }
}
