package org.agenthooks.application.port.in;

/** Use case: taking in an agent event and fanning it out, durably, to every matching webhook. */
public interface IngestEventUseCase {
    IngestedEvent ingest(IngestEventCommand command);
}
