package org.agenthooks.adapters.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.agenthooks.application.port.in.WebhookStats;
import org.agenthooks.application.port.query.DeliveryCounts;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;

/** Deliveries, attempts and a webhook's delivery counts as the API shows them. */
final class DeliveryJson {
    /** The one bucket size of a webhook's stats. */
    static final String HOURLY = "1h";

    private DeliveryJson() {}

    static JsonObject of(Delivery delivery) {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("deliveryId", delivery.id().value())
                .add("eventId", delivery.eventId().value())
                .add("webhookId", delivery.webhookId().value())
                .add("eventType", delivery.eventType().wireName())
                .add("status", delivery.status().wireName())
                .add("attempts", delivery.attempts());
        addOptional(json, "lastStatusCode", delivery.lastStatusCode().map(JsonFactory::createValue));
        addOptional(json, "nextAttemptAt", delivery.nextAttemptAt().map(at -> JsonFactory.createValue(at.toString())));
        return json.add("createdAt", delivery.createdAt().toString())
                .add("updatedAt", delivery.updatedAt().toString())
                .build();
    }

    /** A webhook's hourly counts: the totals, then every hour's counts (hours without deliveries too). */
    static JsonObject of(WebhookStats stats) {
        JsonArrayBuilder buckets = JsonFactory.createArrayBuilder();
        stats.hours()
                .forEach(hour -> buckets.add(counts(hour.counts())
                        .add("start", hour.start().toString())
                        .build()));
        return JsonFactory.createObjectBuilder()
                .add("webhookId", stats.webhookId().value())
                .add("since", stats.since().toString())
                .add("until", stats.until().toString())
                .add("bucket", HOURLY)
                .add("totals", counts(stats.totals()))
                .add("buckets", buckets)
                .build();
    }

    private static JsonObjectBuilder counts(DeliveryCounts counts) {
        return JsonFactory.createObjectBuilder()
                .add("pending", counts.pending())
                .add("succeeded", counts.succeeded())
                .add("failed", counts.failed());
    }

    static JsonObject of(Attempt attempt) {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("attempt", attempt.number())
                .add("startedAt", attempt.startedAt().toString());
        addOptional(json, "statusCode", attempt.result().statusCode().map(JsonFactory::createValue));
        addOptional(json, "error", attempt.result().error().map(JsonFactory::createValue));
        String excerpt = attempt.result().responseExcerpt();
        return json.add("durationMs", attempt.result().took().toMillis())
                .add("responseBody", excerpt)
                .add("responseBodyBytes", excerpt.getBytes(StandardCharsets.UTF_8).length)
                .build();
    }

    private static void addOptional(
            JsonObjectBuilder json, String name, Optional<? extends jakarta.json.JsonValue> value) {
        if (value.isPresent()) {
            json.add(name, value.get());
        } else {
            json.addNull(name);
        }
    }
}
