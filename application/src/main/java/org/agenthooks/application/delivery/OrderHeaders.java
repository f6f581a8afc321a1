package org.agenthooks.application.delivery;

import java.util.HashMap;
import java.util.Map;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.domain.delivery.WebhookHeaders;

/** The headers of an attempt, with {@code webhook-order: released} when it went ahead of its conversation's order. */
final class OrderHeaders {
    private OrderHeaders() {}

    static Map<String, String> of(DeliveryJob job, WebhookHeaders headers) {
        if (!job.orderReleased()) {
            return headers.asMap();
        }
        Map<String, String> all = new HashMap<>(headers.asMap());
        all.put(WebhookHeaders.ORDER, WebhookHeaders.ORDER_RELEASED);
        return Map.copyOf(all);
    }
}
