package org.agenthooks.application.service;

import java.util.Optional;
import org.agenthooks.application.port.in.CheckSignatureCommand;
import org.agenthooks.application.port.in.CheckSignatureUseCase;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.delivery.SignatureDoctor;
import org.agenthooks.domain.delivery.SignatureFinding;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Webhook;

/**
 * The signature doctor behind the API: finds the webhook and the body it was sent under the reported
 * {@code webhook-id} (an event with a delivery to that webhook, within retention), and lets
 * {@link SignatureDoctor} compare. The previous secret it knows is the one the webhook keeps since its last
 * rotation, overlap over or not; older secrets are not kept, so a signature made with one is {@code wrong_secret}.
 */
public final class CheckSignatureService implements CheckSignatureUseCase {
    private final WebhookRepository webhooks;
    private final EventRepository events;
    private final DeliveryRepository deliveries;

    public CheckSignatureService(WebhookRepository webhooks, EventRepository events, DeliveryRepository deliveries) {
        this.webhooks = webhooks;
        this.events = events;
        this.deliveries = deliveries;
    }

    @Override
    public SignatureFinding check(CheckSignatureCommand command) {
        Webhook webhook = webhooks.find(command.workspaceId(), command.webhookId())
                .orElseThrow(() ->
                        new NotFoundException("webhook", command.webhookId().value()));
        return SignatureDoctor.examine(command.report(), sentBody(command), webhook.signingSecrets());
    }

    private Optional<byte[]> sentBody(CheckSignatureCommand command) {
        String messageId = command.report().messageId();
        if (!EventId.isWellFormed(messageId)) {
            return Optional.empty();
        }
        EventId eventId = new EventId(messageId);
        boolean sentToThisWebhook = deliveries.forEvent(command.workspaceId(), eventId).stream()
                .anyMatch(delivery -> delivery.webhookId().equals(command.webhookId()));
        if (!sentToThisWebhook) {
            return Optional.empty();
        }
        return events.find(command.workspaceId(), eventId).map(AgentEvent::payload);
    }
}
