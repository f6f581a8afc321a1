package org.agenthooks.application.port.in;

import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;

/** Use case: listing one webhook's deliveries, newest first. */
public interface ListDeliveriesUseCase {
    Page<Delivery> list(ListDeliveriesQuery query) throws NotFoundException;
}
