package org.agenthooks.bootstrap.planted.adapters.dashboard;

import org.agenthooks.bootstrap.planted.adapters.http.WebhookController;
import org.agenthooks.bootstrap.planted.application.port.WebhookStore;

/** Planted violations: the dashboard reaching past the API, into another adapter and into a port. */
public class DashboardBackDoor {
    public Object controller() {
        return new WebhookController();
    }

    public void save(WebhookStore store) {
        store.save("webhook");
    }
}
