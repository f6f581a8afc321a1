package org.agenthooks.application.port.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * A secret rotation: the new secret (a generated {@code whsec_} one when empty) and how long the old one keeps
 * signing too, from none up to {@link #MAX_GRACE_PERIOD}.
 */
public record RotateWebhookSecretCommand(
        WorkspaceId workspaceId, WebhookId webhookId, Optional<Secret> secret, Duration gracePeriod) {
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(24);
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

    public RotateWebhookSecretCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw InvalidInputException.of(
                    "gracePeriodSeconds", "must be 0 to " + MAX_GRACE_PERIOD.toSeconds() + " (7 days)");
        }
    }
}
