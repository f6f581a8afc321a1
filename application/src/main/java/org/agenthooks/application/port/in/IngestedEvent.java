package org.agenthooks.application.port.in;

import org.agenthooks.domain.event.EventId;

/** The answer to an ingest: the event's id and how many webhooks it goes to. */
public record IngestedEvent(EventId eventId, int deliveries) {}
