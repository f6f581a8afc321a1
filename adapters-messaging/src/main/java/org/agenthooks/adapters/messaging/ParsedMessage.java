package org.agenthooks.adapters.messaging;

import org.agenthooks.application.port.in.IngestEventCommand;

/** What a message turned out to be: an event to ingest, or a refusal with its reason. */
public sealed interface ParsedMessage {
    /** A well-formed event for a workspace the source may write to. */
    record Ingest(IngestEventCommand command) implements ParsedMessage {}

    /** A message that can never be ingested as it is. */
    record Refused(Refusal refusal) implements ParsedMessage {}
}
