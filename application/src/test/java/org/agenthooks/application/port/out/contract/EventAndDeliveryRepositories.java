package org.agenthooks.application.port.out.contract;

import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;

/**
 * The event and delivery repositories a contract test runs against, over the same store as the repositories, so a
 * test can first add the workspace, agent and webhooks that events and deliveries refer to.
 */
public record EventAndDeliveryRepositories(
        Repositories repositories, EventRepository events, DeliveryRepository deliveries) {}
