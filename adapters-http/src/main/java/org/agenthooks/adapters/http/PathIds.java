package org.agenthooks.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.function.Function;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.WebhookId;

/** Ids from the path. A malformed id cannot name anything, so it is as missing as an unknown one: 404. */
final class PathIds {
    private PathIds() {}

    static WebhookId webhookId(ServerRequest req) {
        return parse(req, "webhookId", "webhook", WebhookId::new);
    }

    static AgentId agentId(ServerRequest req) {
        return parse(req, "agentId", "agent", AgentId::new);
    }

    static EventId eventId(ServerRequest req) {
        return parse(req, "eventId", "event", EventId::new);
    }

    static DeliveryId deliveryId(ServerRequest req) {
        return parse(req, "deliveryId", "delivery", DeliveryId::new);
    }

    private static <T> T parse(ServerRequest req, String parameter, String resource, Function<String, T> create) {
        String raw = req.path().pathParameters().get(parameter);
        try {
            return create.apply(raw);
        } catch (InvalidInputException e) {
            throw new NotFoundException(resource, raw);
        }
    }
}
