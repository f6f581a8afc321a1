package org.agenthooks.application.delivery;

import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Told once each time the delivery engine turns a webhook off by itself: to log it and count it. */
@FunctionalInterface
public interface AutoDisableListener {
    void disabled(WorkspaceId workspaceId, WebhookId webhookId, String reason);
}
