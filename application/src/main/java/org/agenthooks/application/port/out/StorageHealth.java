package org.agenthooks.application.port.out;

import java.time.Duration;

/** Port: whether the storage can serve requests now, for a readiness probe. */
public interface StorageHealth {
    /** Whether the storage answered a trivial query within {@code timeout}; false, never an exception, otherwise. */
    boolean answers(Duration timeout);

    /** The schema version the storage was migrated to when this process opened it. */
    String schemaVersion();
}
