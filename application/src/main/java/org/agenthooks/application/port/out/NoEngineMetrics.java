package org.agenthooks.application.port.out;

import java.time.Duration;
import org.agenthooks.domain.event.EventType;

/** The {@link EngineMetrics} that reports nothing. */
enum NoEngineMetrics implements EngineMetrics {
    INSTANCE;

    @Override
    public void eventIngested(EventType type) {}

    @Override
    public void attemptFinished(AttemptOutcome outcome, Duration took) {}

    @Override
    public void groupCommitted(int appends) {}

    @Override
    public void webhookAutoDisabled() {}

    @Override
    public void endpointCircuitOpened() {}
}
