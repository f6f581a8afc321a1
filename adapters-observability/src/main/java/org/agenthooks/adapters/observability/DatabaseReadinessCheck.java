package org.agenthooks.adapters.observability;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.time.Duration;
import org.agenthooks.application.port.out.StorageHealth;

/**
 * Readiness: ready only while the database answers within {@code timeout}. The schema was migrated before this
 * process started serving (the database is opened, and migrated, before the server starts), so its version is a
 * detail here, not a question asked again.
 */
final class DatabaseReadinessCheck implements HealthCheck {
    private final StorageHealth storage;
    private final Duration timeout;

    DatabaseReadinessCheck(StorageHealth storage, Duration timeout) {
        this.storage = storage;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        boolean answers = storage.answers(timeout);
        return HealthCheckResponse.builder()
                .status(answers)
                .detail("schemaVersion", storage.schemaVersion())
                .detail("answers", answers ? "yes" : "not within " + timeout.toMillis() + " ms")
                .build();
    }
}
