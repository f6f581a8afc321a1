package org.agenthooks.application.port.in;

import java.util.Objects;
import org.agenthooks.domain.delivery.ReceiverReport;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** What a webhook's receiver saw and computed, for the signature doctor to diagnose. */
public record CheckSignatureCommand(WorkspaceId workspaceId, WebhookId webhookId, ReceiverReport report) {
    public CheckSignatureCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(report, "report");
    }
}
