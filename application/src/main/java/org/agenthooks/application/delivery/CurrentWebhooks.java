package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;

/**
 * The webhook as it is now, read for an attempt about to start: a job claimed a while ago must not be sent to a
 * webhook paused or deleted since, nor to its old URL or with a secret rotated since. Each webhook is read at most
 * once per {@link #TIME_TO_LIVE}, which is thus how long a change made anywhere may take to reach the attempts.
 */
final class CurrentWebhooks {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(CurrentWebhooks.class.getName());

    private record Entry(Optional<Webhook> webhook, Instant readAt) {}

    private final WebhookRepository webhooks;
    private final Clock clock;
    private final Map<WebhookId, Entry> entries = new ConcurrentHashMap<>();

    CurrentWebhooks(WebhookRepository webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * The job as it is to be sent now, with the webhook's current URL and secrets; empty if the webhook is gone or
     * not active (but for a test event). If the webhook cannot be read (the database is down), the last reading stands, or the job as
     * claimed.
     */
    Optional<DeliveryJob> current(DeliveryJob job) {
        WebhookId id = job.delivery().webhookId();
        Instant now = clock.instant();
        Entry entry = entries.get(id);
        boolean fresh = entry != null && entry.readAt().plus(TIME_TO_LIVE).isAfter(now);
        if (fresh && entry.readAt().isBefore(job.delivery().createdAt())) {
            // The job was made after that reading, from the webhook as it was then (an edit made through this
            // instance shows at once): the job is the newer of the two.
            return Optional.of(job);
        }
        if (!fresh) {
            try {
                entry = new Entry(webhooks.find(job.delivery().workspaceId(), id), now);
                entries.put(id, entry);
                if (entries.size() > 10_000) {
                    entries.values()
                            .removeIf(old -> old.readAt().plus(TIME_TO_LIVE).isBefore(now));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not read webhook " + id + "; sending as last read", e);
                if (entry == null) {
                    return Optional.of(job);
                }
            }
        }
        // A test event is sent whether or not the webhook is active: that is what "test" asks for.
        boolean test = job.delivery().eventType() == EventType.WEBHOOK_TEST;
        return entry.webhook()
                .filter(webhook -> webhook.active() || test)
                .map(webhook -> new DeliveryJob(
                        job.delivery(),
                        webhook.url(),
                        webhook.signingSecrets(),
                        job.payload(),
                        job.orderReleased(),
                        job.traceParent()));
    }
}
