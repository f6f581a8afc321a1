package org.agenthooks.application.port.out;

import java.util.Optional;
import org.agenthooks.domain.event.TraceParent;

/**
 * Port: records the steps of an event's way through the service as spans of the trace it came with, and says
 * whether each attempt tells its receiver that trace (a {@code traceparent} header).
 */
public interface Tracing {
    // Attribute keys: OpenTelemetry's semantic name where there is one.
    String EVENT_ID = "webhook.event.id";
    String WEBHOOK_ID = "webhook.id";
    String DELIVERY_ID = "webhook.delivery.id";
    String ATTEMPT_NUMBER = "webhook.attempt";
    String STATUS_CODE = "http.response.status_code";

    /** The steps traced. */
    enum Step {
        /** Taking in one event, around the whole use case. */
        INGEST("ingest"),
        /** The outbox append: the event and its deliveries committed. */
        OUTBOX_COMMIT("outbox commit"),
        /** One HTTP attempt of a delivery, to the receiver. */
        ATTEMPT("attempt");

        private final String spanName;

        Step(String spanName) {
            this.spanName = spanName;
        }

        public String spanName() {
            return spanName;
        }
    }

    /** A span of {@code step} starting now, a child of {@code parent}, or the root of a new trace without one. */
    Span start(Step step, Optional<TraceParent> parent);

    /** Whether each attempt carries a {@code traceparent} header naming its trace. */
    boolean propagates();

    /** Records nothing; each span's context is its parent's trace with a fresh span id (or a new trace). */
    static Tracing none() {
        return NoTracing.PROPAGATING;
    }

    /** Records nothing and tells receivers nothing. */
    static Tracing off() {
        return NoTracing.SILENT;
    }

    /** A span under way; {@link #close()} ends it. */
    interface Span extends AutoCloseable {
        /** The trace parent that names this span: for its children, and for what it sends on. */
        TraceParent context();

        Span attribute(String key, String value);

        Span attribute(String key, long value);

        /** Marks the span as failed, with why. */
        Span failed(String description);

        @Override
        void close();
    }
}
