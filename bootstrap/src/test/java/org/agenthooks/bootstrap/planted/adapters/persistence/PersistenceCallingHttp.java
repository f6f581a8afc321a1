package org.agenthooks.bootstrap.planted.adapters.persistence;

import org.agenthooks.bootstrap.planted.adapters.http.WebhookController;

/** Planted violation: one adapter using another. */
public class PersistenceCallingHttp {
    public Object controller() {
        return new WebhookController();
    }
}
