package org.agenthooks.adapters.messaging;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The NATS server (JetStream on) this machine kind runs on 127.0.0.1:4222. Without it a test is skipped, except
 * under {@code CI=true}, where it fails: CI must not pass by running nothing.
 */
final class NatsServer {
    static final String URL = "nats://127.0.0.1:4222";

    private NatsServer() {}

    static Connection connect() {
        try {
            return Nats.connect(Options.builder()
                    .server(URL)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
        } catch (IOException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs NATS with JetStream at " + URL, unreachable);
            }
            Assumptions.abort("NATS at " + URL + " is not reachable: " + unreachable.getMessage());
            throw new AssertionError("unreachable");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
