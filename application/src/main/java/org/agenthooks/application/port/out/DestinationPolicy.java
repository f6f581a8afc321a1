package org.agenthooks.application.port.out;

import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * Port: whether deliveries may go to a URL. In production, URLs that resolve to loopback, private, link-local or
 * metadata addresses are refused; the demo profile allows them for local testing.
 */
public interface DestinationPolicy {
    /** Throws an {@link InvalidInputException} on field {@code url} when the URL may not be delivered to. */
    void check(WebhookUrl url) throws InvalidInputException;
}
