package org.agenthooks.application.port.in;

import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: reading one delivery with every attempt made. */
public interface GetDeliveryUseCase {
    DeliveryDetails get(WorkspaceId workspaceId, DeliveryId deliveryId) throws NotFoundException;
}
