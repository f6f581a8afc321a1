package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.port.in.SendTestEventUseCase;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Sends a signed {@code webhook.test} event to one webhook, stored and retried like any other delivery. */
public final class SendTestEventService implements SendTestEventUseCase {
    private static final EventData TEST_DATA =
            new EventData("{\"message\":\"This is a test event; your endpoint received and can verify it.\"}");

    private final WebhookRepository webhooks;
    private final EventRepository events;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public SendTestEventService(
            WebhookRepository webhooks, EventRepository events, DeliveryDispatcher dispatcher, Clock clock) {
        this.webhooks = webhooks;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public Delivery sendTest(WorkspaceId workspaceId, WebhookId webhookId) {
        Webhook webhook = webhooks.find(workspaceId, webhookId)
                .orElseThrow(() -> new NotFoundException("webhook", webhookId.value()));
        Instant now = Timestamps.now(clock);
        AgentEvent event = new AgentEvent(
                EventId.random(),
                workspaceId,
                webhook.agentId(),
                EventType.WEBHOOK_TEST,
                Optional.empty(),
                TEST_DATA,
                now);
        Delivery delivery = Delivery.of(event, webhookId, now);
        events.append(new NewEvent(event, Optional.empty(), now, List.of(delivery), dispatcher.leaseUntil()));
        dispatcher.submit(List.of(new DeliveryJob(delivery, webhook.url(), webhook.signingSecrets(), event.payload())));
        return delivery;
    }
}
