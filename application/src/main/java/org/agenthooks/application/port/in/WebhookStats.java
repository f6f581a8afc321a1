package org.agenthooks.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.agenthooks.application.port.query.DeliveryCounts;
import org.agenthooks.domain.webhook.WebhookId;

/**
 * A webhook's deliveries per hour, by the hour each was created in and the status it has now: one entry for every
 * hour from {@code since} up to {@code until} (the end of the current hour), oldest first, hours without
 * deliveries included.
 */
public record WebhookStats(WebhookId webhookId, Instant since, Instant until, List<Hour> hours) {
    /** One hour's deliveries. */
    public record Hour(Instant start, DeliveryCounts counts) {
        public Hour {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(counts, "counts");
        }
    }

    public WebhookStats {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        hours = List.copyOf(hours);
    }

    /** The counts of all the hours together. */
    public DeliveryCounts totals() {
        return hours.stream().map(Hour::counts).reduce(DeliveryCounts.NONE, DeliveryCounts::plus);
    }
}
