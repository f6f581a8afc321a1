package org.agenthooks.application.port.query;

import java.util.Objects;
import java.util.Optional;

/** What a replay did: how many events it sent again, and where the next call goes on (empty: the window is done). */
public record ReplayOutcome(int replayed, Optional<PageCursor> nextCursor) {
    public ReplayOutcome {
        if (replayed < 0) {
            throw new IllegalArgumentException("replayed must not be negative");
        }
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
