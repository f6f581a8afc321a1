package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Turns webhooks off that no longer take deliveries, once their attempts are stored: at once on a 410 Gone, and
 * when every attempt has failed for {@code disableAfter} (any success starts the clock again). Turned off, a
 * webhook's pending deliveries are no longer claimed; resumed, they are again.
 */
final class WebhookHealth {
    private static final System.Logger LOG = System.getLogger(WebhookHealth.class.getName());
    static final String GONE_REASON = "answered 410 Gone";
    /**
     * How long a success noted here spares noting the next ones of the same webhook: a busy healthy webhook costs
     * one write a second, not one a batch. A failure noted meanwhile by another instance is cleared at most this
     * much later, which is nothing against a window of days.
     */
    private static final Duration SUCCESS_MEMORY = Duration.ofSeconds(1);

    private final WebhookRepository webhooks;
    private final Clock clock;
    private final Duration disableAfter;
    private final AutoDisableListener listener;
    /** Webhooks whose run of failures this process has cleared since {@code clearedSince}; one thread uses it. */
    private final Set<WebhookId> recentlyCleared = new HashSet<>();

    private Instant clearedSince = Instant.MIN;

    WebhookHealth(WebhookRepository webhooks, Clock clock, Duration disableAfter, AutoDisableListener listener) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.disableAfter = disableAfter;
        this.listener = listener;
    }

    /** Takes in a stored batch of attempts, in the order they finished. */
    void afterStored(List<RecordedAttempt> batch) {
        // Per webhook, when the failures at the end of the batch began; null when its last attempt succeeded.
        Map<WebhookId, Instant> failingSince = new LinkedHashMap<>();
        Map<WebhookId, Delivery> anyDelivery = new LinkedHashMap<>();
        for (RecordedAttempt recorded : batch) {
            Delivery delivery = recorded.delivery();
            Attempt attempt = recorded.attempt();
            anyDelivery.put(delivery.webhookId(), delivery);
            if (attempt.result().gone()) {
                disableGone(delivery.workspaceId(), delivery.webhookId());
            }
            if (attempt.result().succeeded()) {
                failingSince.put(delivery.webhookId(), null);
            } else if (failingSince.get(delivery.webhookId()) == null) {
                failingSince.put(delivery.webhookId(), attempt.startedAt());
            }
        }
        forgetClearedIfDue();
        failingSince.forEach((webhookId, since) -> {
            Delivery delivery = anyDelivery.get(webhookId);
            try {
                if (since == null) {
                    if (recentlyCleared.add(webhookId)) {
                        webhooks.noteSuccess(delivery.workspaceId(), webhookId);
                    }
                } else {
                    recentlyCleared.remove(webhookId);
                    webhooks.noteFailure(delivery.workspaceId(), webhookId, since)
                            .filter(this::failingTooLong)
                            .ifPresent(runBegan -> disableFailing(delivery.workspaceId(), webhookId, runBegan));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not note the outcome of webhook " + webhookId, e);
            }
        });
    }

    private void forgetClearedIfDue() {
        Instant now = clock.instant();
        if (!now.isBefore(clearedSince.plus(SUCCESS_MEMORY))) {
            recentlyCleared.clear();
            clearedSince = now;
        }
    }

    private boolean failingTooLong(Instant runBegan) {
        return !runBegan.plus(disableAfter).isAfter(Timestamps.now(clock));
    }

    private void disableGone(WorkspaceId workspaceId, WebhookId webhookId) {
        try {
            if (webhooks.deactivate(workspaceId, webhookId, GONE_REASON, Timestamps.now(clock))) {
                listener.disabled(workspaceId, webhookId, GONE_REASON);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not deactivate webhook " + webhookId, e);
        }
    }

    /** Guarded by the run's start, so only one process, once, turns the webhook off and tells the listener. */
    private void disableFailing(WorkspaceId workspaceId, WebhookId webhookId, Instant runBegan) {
        String reason = "all deliveries failed since " + runBegan;
        try {
            Instant now = Timestamps.now(clock);
            if (webhooks.deactivateIfFailingSince(workspaceId, webhookId, runBegan, reason, now)) {
                listener.disabled(workspaceId, webhookId, reason);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not deactivate webhook " + webhookId, e);
        }
    }
}
