package org.agenthooks.adapters.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.agenthooks.application.port.out.Tracing;
import org.agenthooks.domain.event.TraceParent;

/**
 * The {@link Tracing} port on the OpenTelemetry SDK: spans batched to an exporter (OTLP over HTTP in service).
 * Built only when an endpoint is configured; without one, {@link #of} gives the port's no-op, and no SDK exists.
 * The SDK is used directly, not registered as the global OpenTelemetry, so nothing else in the process is traced.
 */
public final class OpenTelemetryTracing implements Tracing, AutoCloseable {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final String SCOPE = "org.agenthooks.webhooks";

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final boolean propagates;

    private OpenTelemetryTracing(SdkTracerProvider provider, boolean propagates) {
        this.provider = provider;
        this.tracer = provider.get(SCOPE);
        this.propagates = propagates;
    }

    /** Exporting to the settings' OTLP endpoint; without one, the no-op that still propagates (if told to). */
    public static Tracing of(TracingSettings settings) {
        if (settings.otlpEndpoint().isEmpty()) {
            return settings.propagate() ? Tracing.none() : Tracing.off();
        }
        return exportingTo(
                OtlpHttpSpanExporter.builder()
                        .setEndpoint(settings.otlpEndpoint().get().toString())
                        .build(),
                settings);
    }

    /** Exporting to {@code exporter}, in batches (tests give an in-memory one). */
    public static OpenTelemetryTracing exportingTo(SpanExporter exporter, TracingSettings settings) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(SERVICE_NAME, settings.serviceName()))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        return new OpenTelemetryTracing(provider, settings.propagate());
    }

    @Override
    public Span start(Step step, Optional<TraceParent> parent) {
        SpanBuilder builder = tracer.spanBuilder(step.spanName()).setSpanKind(kind(step));
        if (parent.isPresent()) {
            builder.setParent(Context.root().with(io.opentelemetry.api.trace.Span.wrap(remote(parent.get()))));
        } else {
            builder.setNoParent();
        }
        return new SdkSpan(builder.startSpan());
    }

    @Override
    public boolean propagates() {
        return propagates;
    }

    /** Exports every span ended so far, waiting up to 10 s. */
    public boolean flush() {
        return provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
    }

    /** Exports what is still batched, then stops the exporter. */
    @Override
    public void close() {
        CompletableResultCode shutdown = provider.shutdown();
        shutdown.join(10, TimeUnit.SECONDS);
    }

    private static SpanKind kind(Step step) {
        return switch (step) {
            // The Helidon server itself records no span: ingest is where the caller's request is served.
            case INGEST -> SpanKind.SERVER;
            case OUTBOX_COMMIT -> SpanKind.INTERNAL;
            case ATTEMPT -> SpanKind.CLIENT;
        };
    }

    private static SpanContext remote(TraceParent parent) {
        return SpanContext.createFromRemoteParent(
                parent.traceId(), parent.parentId(), TraceFlags.fromHex(parent.flags(), 0), TraceState.getDefault());
    }

    private record SdkSpan(io.opentelemetry.api.trace.Span span) implements Span {
        @Override
        public TraceParent context() {
            SpanContext context = span.getSpanContext();
            return new TraceParent(
                    context.getTraceId(),
                    context.getSpanId(),
                    context.getTraceFlags().asHex());
        }

        @Override
        public Span attribute(String key, String value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Span attribute(String key, long value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Span failed(String description) {
            span.setStatus(StatusCode.ERROR, description);
            return this;
        }

        @Override
        public void close() {
            span.end();
        }
    }
}
