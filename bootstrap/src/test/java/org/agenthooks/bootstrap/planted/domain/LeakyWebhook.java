package org.agenthooks.bootstrap.planted.domain;

import org.agenthooks.bootstrap.planted.adapters.http.WebhookController;

/** Planted violation: a domain class that reaches out to an adapter. */
public class LeakyWebhook {
    public String render() {
        return new WebhookController().toString();
    }
}
