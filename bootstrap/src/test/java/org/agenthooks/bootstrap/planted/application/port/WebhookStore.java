package org.agenthooks.bootstrap.planted.application.port;

/** Planted port, so the onion has every layer. */
public interface WebhookStore {
    void save(String webhook);
}
