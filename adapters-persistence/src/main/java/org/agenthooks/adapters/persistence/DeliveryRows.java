package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Rows of the {@code deliveries} table as deliveries, and as jobs when joined with their webhook and event. */
final class DeliveryRows {
    static final String COLUMNS = "delivery_id, workspace_id, webhook_id, event_id, event_type,"
            + " status, attempts, last_status_code, next_attempt_at, created_at, updated_at";

    private DeliveryRows() {
    }

    static Delivery toDelivery(Row row) {
        return new Delivery(new DeliveryId(row.text("delivery_id")), new WorkspaceId(row.text("workspace_id")),
                new WebhookId(row.text("webhook_id")), new EventId(row.text("event_id")),
                row.named("event_type", EventType::fromWireName, "event type"),
                row.named("status", DeliveryStatus::fromWireName, "status"),
                row.number("attempts"), row.optionalNumber("last_status_code"),
                row.optionalInstant("next_attempt_at"), row.instant("created_at"), row.instant("updated_at"));
    }

    /** A delivery's row with its webhook's {@code url} and {@code secret} and its event's {@code payload}. */
    static DeliveryJob toJob(Row row) {
        return new DeliveryJob(toDelivery(row), new WebhookUrl(row.text("url")), Secret.of(row.text("secret")),
                row.bytes("payload"));
    }
}
