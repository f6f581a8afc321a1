package org.agenthooks.application.port.out;

import java.util.Map;
import java.util.Objects;
import org.agenthooks.domain.webhook.WebhookUrl;

/** One signed POST to send: where, the Standard Webhooks headers, and the JSON body. */
public record OutboundRequest(WebhookUrl url, Map<String, String> headers, byte[] body) {
    public OutboundRequest {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
