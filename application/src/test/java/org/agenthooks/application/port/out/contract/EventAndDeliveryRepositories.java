package org.agenthooks.application.port.out.contract;

import java.time.Duration;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;

/**
 * The event and delivery repositories a contract test runs against, over the same store as the repositories, so a
 * test can first add the workspace, agent and webhooks that events and deliveries refer to. The deliveries must
 * release a delivery held for its conversation's order after {@link #ORDER_HOLD}.
 */
public record EventAndDeliveryRepositories(
        Repositories repositories, EventRepository events, DeliveryRepository deliveries) {
    public static final Duration ORDER_HOLD = Duration.ofMinutes(10);
}
