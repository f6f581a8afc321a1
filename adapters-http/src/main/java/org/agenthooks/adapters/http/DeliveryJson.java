package org.agenthooks.adapters.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;

/** Deliveries and attempts as the API shows them. */
final class DeliveryJson {
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
