package org.agenthooks.application.port.in;

import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryInFlightException;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: attempting a delivery again now, failed ones included. */
public interface RedeliverUseCase {
    Delivery redeliver(WorkspaceId workspaceId, DeliveryId deliveryId)
            throws NotFoundException, DeliveryInFlightException;
}
