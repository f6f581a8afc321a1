package org.agenthooks.adapters.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Webhook;

/** A webhook as the API shows it, in the field order of the public docs. */
final class WebhookJson {
    static final Set<String> DEFINITION_FIELDS =
            Set.of("name", "url", "agentId", "secret", "events", "active", "ordering");
    static final Set<String> ROTATION_FIELDS = Set.of("secret", "gracePeriodSeconds");

    private WebhookJson() {}

    /** With the whole secret: only the responses that create the webhook or rotate its secret use this. */
    static JsonObject withSecret(Webhook webhook, Optional<EndpointHealth> health) {
        return render(webhook, webhook.secret().reveal(), health);
    }

    static JsonObject masked(Webhook webhook, Optional<EndpointHealth> health) {
        return render(webhook, webhook.secret().masked(), health);
    }

    /** The {@code ordering} field: {@code conversation} or {@code none}. */
    static Ordering ordering(String wireName) {
        return Ordering.fromWireName(wireName)
                .orElseThrow(() -> InvalidInputException.of("ordering", "must be one of: conversation, none"));
    }

    private static JsonObject render(Webhook webhook, String secret, Optional<EndpointHealth> health) {
        JsonArrayBuilder events = JsonFactory.createArrayBuilder();
        webhook.events().inOrder().forEach(type -> events.add(type.wireName()));
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("workspaceId", webhook.workspaceId().value())
                .add("webhookId", webhook.id().value())
                .add("name", webhook.name().value())
                .add("agentId", webhook.agentId().value())
                .add("active", webhook.active())
                .add("secret", secret)
                .add(
                        "previousSecretExpiresAt",
                        webhook.previousSecret()
                                .<JsonValue>map(previous -> JsonFactory.createValue(
                                        previous.expiresAt().toString()))
                                .orElse(JsonValue.NULL))
                .add("events", events)
                .add("ordering", webhook.ordering().wireName())
                .add("url", webhook.url().value())
                .add("createdAt", webhook.createdAt().toString())
                .add("updatedAt", webhook.updatedAt().toString());
        // Null unless the service turned the webhook off by itself (410 Gone, or failing for too long).
        webhook.disablement()
                .ifPresentOrElse(
                        disablement -> json.add("disabledReason", disablement.reason())
                                .add("disabledAt", disablement.at().toString()),
                        () -> json.addNull("disabledReason").addNull("disabledAt"));
        // This instance's view, in memory: null until it has sent to the endpoint.
        json.add("endpointHealth", health.<JsonValue>map(WebhookJson::health).orElse(JsonValue.NULL));
        return json.build();
    }

    private static JsonObject health(EndpointHealth health) {
        return JsonFactory.createObjectBuilder()
                .add("state", health.state().wireName())
                .add("limit", health.limit())
                .add("inFlight", health.inFlight())
                .add(
                        "pausedUntil",
                        health.pausedUntil()
                                .<JsonValue>map(until -> JsonFactory.createValue(until.toString()))
                                .orElse(JsonValue.NULL))
                .build();
    }
}
