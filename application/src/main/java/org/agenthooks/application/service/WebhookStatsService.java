package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agenthooks.application.port.in.GetWebhookStatsUseCase;
import org.agenthooks.application.port.in.WebhookStats;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.DeliveryCounts;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.WebhookStatsQuery;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;

/** Counts a webhook's deliveries per hour: the last 24 hours by default, at most the last 7 days. */
public final class WebhookStatsService implements GetWebhookStatsUseCase {
    static final Duration HOUR = Duration.ofHours(1);
    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 7 * 24;

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final Clock clock;

    public WebhookStatsService(WebhookRepository webhooks, DeliveryRepository deliveries, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public WebhookStats stats(WebhookStatsQuery query) {
        if (webhooks.find(query.workspaceId(), query.webhookId()).isEmpty()) {
            throw new NotFoundException("webhook", query.webhookId().value());
        }
        Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant until = currentHour.plus(HOUR);
        Instant since = query.since()
                .map(at -> at.truncatedTo(ChronoUnit.HOURS))
                .orElse(until.minus(HOUR.multipliedBy(DEFAULT_HOURS)));
        if (since.isAfter(currentHour)) {
            throw InvalidInputException.of("since", "must not be in the future");
        }
        if (since.isBefore(until.minus(HOUR.multipliedBy(MAX_HOURS)))) {
            throw InvalidInputException.of("since", "must be within the last 7 days (" + MAX_HOURS + " hours)");
        }
        Map<Instant, DeliveryCounts> counted = new HashMap<>();
        for (HourlyDeliveryCount count : deliveries.countByHour(query.workspaceId(), query.webhookId(), since, until)) {
            counted.merge(count.hour(), DeliveryCounts.NONE.plus(count.status(), count.count()), DeliveryCounts::plus);
        }
        List<WebhookStats.Hour> hours = new ArrayList<>();
        for (Instant hour = since; hour.isBefore(until); hour = hour.plus(HOUR)) {
            hours.add(new WebhookStats.Hour(hour, counted.getOrDefault(hour, DeliveryCounts.NONE)));
        }
        return new WebhookStats(query.webhookId(), since, until, hours);
    }
}
