package org.agenthooks.bootstrap.planted.application.service;

import io.opentelemetry.api.trace.Span;
import org.agenthooks.bootstrap.planted.application.port.WebhookStore;

/** Planted violation: a use case that traces through OpenTelemetry itself instead of a port. */
public class SpanInTheCore {
    private final WebhookStore store;

    public SpanInTheCore(WebhookStore store) {
        this.store = store;
    }

    public void register(String webhook) {
        Span.current().addEvent("register");
        store.save(webhook);
    }
}
