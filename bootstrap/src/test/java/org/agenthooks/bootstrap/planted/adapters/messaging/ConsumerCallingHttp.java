package org.agenthooks.bootstrap.planted.adapters.messaging;

import org.agenthooks.bootstrap.planted.adapters.http.WebhookController;

/** Planted violation: the message-bus adapter going through the HTTP adapter instead of the ingest use case. */
public class ConsumerCallingHttp {
    public Object ingest() {
        return new WebhookController();
    }
}
