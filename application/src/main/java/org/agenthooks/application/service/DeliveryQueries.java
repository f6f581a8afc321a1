package org.agenthooks.application.service;

import org.agenthooks.application.port.in.DeliveryDetails;
import org.agenthooks.application.port.in.EventDetails;
import org.agenthooks.application.port.in.GetDeliveryUseCase;
import org.agenthooks.application.port.in.GetEventUseCase;
import org.agenthooks.application.port.in.ListDeliveriesUseCase;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Reads events, deliveries and attempts: plain look-ups, kept together on purpose. */
public final class DeliveryQueries implements GetEventUseCase, ListDeliveriesUseCase, GetDeliveryUseCase {
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;

    public DeliveryQueries(EventRepository events, DeliveryRepository deliveries, WebhookRepository webhooks) {
        this.events = events;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
    }

    @Override
    public EventDetails get(WorkspaceId workspaceId, EventId eventId) {
        return events.find(workspaceId, eventId)
                .map(event -> new EventDetails(event, deliveries.forEvent(workspaceId, eventId)))
                .orElseThrow(() -> new NotFoundException("event", eventId.value()));
    }

    @Override
    public Page<Delivery> list(ListDeliveriesQuery query) {
        if (webhooks.find(query.workspaceId(), query.webhookId()).isEmpty()) {
            throw new NotFoundException("webhook", query.webhookId().value());
        }
        return deliveries.list(query);
    }

    @Override
    public DeliveryDetails get(WorkspaceId workspaceId, DeliveryId deliveryId) {
        return deliveries
                .find(workspaceId, deliveryId)
                .map(delivery -> new DeliveryDetails(delivery, deliveries.attempts(deliveryId)))
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId.value()));
    }
}
