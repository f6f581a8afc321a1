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
        return new Unrecorded(parent);
    }

    @Override
    public boolean propagates() {
        return propagates;
    }

    /** Names itself only when asked (an outbox commit never is): a random span id in its parent's trace. */
    private static final class Unrecorded implements Span {
        private final Optional<TraceParent> parent;
        private TraceParent context;

        Unrecorded(Optional<TraceParent> parent) {
            this.parent = parent;
        }

        @Override
        public TraceParent context() {
            if (context == null) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                context = parent.isPresent() ? parent.get().withNewParent(random) : TraceParent.newTrace(random);
            }
            return context;
        }

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
