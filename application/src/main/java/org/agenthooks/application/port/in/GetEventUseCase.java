package org.agenthooks.application.port.in;

import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: reading an ingested event with its deliveries. */
public interface GetEventUseCase {
    EventDetails get(WorkspaceId workspaceId, EventId eventId) throws NotFoundException;
}
