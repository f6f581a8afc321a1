package org.agenthooks.application.fakes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.domain.event.TraceParent;

/** Fake of {@link Tracing}: records every span started, its parent, attributes, failure and whether it ended. */
public final class RecordingTracing implements Tracing {
    private final List<RecordedSpan> spans = new CopyOnWriteArrayList<>();
    private final boolean propagates;

    public RecordingTracing(boolean propagates) {
        this.propagates = propagates;
    }

    @Override
    public Span start(Step step, Optional<TraceParent> parent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        RecordedSpan span = new RecordedSpan(
                step,
                parent,
                parent.map(traced -> traced.withNewParent(random)).orElseGet(() -> TraceParent.newTrace(random)));
        spans.add(span);
        return span;
    }

    @Override
    public boolean propagates() {
        return propagates;
    }

    public List<RecordedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<RecordedSpan> spans(Step step) {
        return spans.stream().filter(span -> span.step() == step).toList();
    }

    /** One span as recorded. */
    public static final class RecordedSpan implements Span {
        private final Step step;
        private final Optional<TraceParent> parent;
        private final TraceParent context;
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private volatile String failure;
        private volatile boolean ended;

        RecordedSpan(Step step, Optional<TraceParent> parent, TraceParent context) {
            this.step = step;
            this.parent = parent;
            this.context = context;
        }

        public Step step() {
            return step;
        }

        public Optional<TraceParent> parent() {
            return parent;
        }

        @Override
        public TraceParent context() {
            return context;
        }

        public Map<String, Object> attributes() {
            return Map.copyOf(attributes);
        }

        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        public boolean ended() {
            return ended;
        }

        @Override
        public Span attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public Span attribute(String key, long value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public Span failed(String description) {
            failure = description;
            return this;
        }

        @Override
        public void close() {
            ended = true;
        }
    }
}
