package org.agenthooks.application.port.in;

import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.shared.NotFoundException;

/** Use case: listing one webhook's deliveries, newest first. */
public interface ListDeliveriesUseCase {
    Page<Delivery> list(ListDeliveriesQuery query) throws NotFoundException;
}
