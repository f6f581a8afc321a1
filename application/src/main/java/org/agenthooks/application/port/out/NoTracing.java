package org.agenthooks.application.port.out;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.agenthooks.domain.event.TraceParent;

/** The {@link Tracing} that records nothing: its spans only name themselves, so the trace id travels on. */
enum NoTracing implements Tracing {
    PROPAGATING(true),
    SILENT(false);

    private final boolean propagates;

    NoTracing(boolean propagates) {
        this.propagates = propagates;
    }

    @Override
    public Span start(Step step, Optional<TraceParent> parent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Unrecorded(
                parent.map(traced -> traced.withNewParent(random)).orElseGet(() -> TraceParent.newTrace(random)));
    }

    @Override
    public boolean propagates() {
        return propagates;
    }

    private record Unrecorded(TraceParent context) implements Span {
        @Override
        public Span attribute(String key, String value) {
            return this;
        }

        @Override
        public Span attribute(String key, long value) {
            return this;
        }

        @Override
        public Span failed(String description) {
            return this;
        }

        @Override
        public void close() {}
    }
}
