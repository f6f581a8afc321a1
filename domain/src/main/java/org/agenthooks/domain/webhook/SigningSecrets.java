package org.agenthooks.domain.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a webhook's payloads are signed with: its secret and, during a rotation's overlap, the previous one. */
public record SigningSecrets(Secret current, Optional<PreviousSecret> previous) {
    public SigningSecrets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
    }

    public static SigningSecrets of(Secret current) {
        return new SigningSecrets(current, Optional.empty());
    }

    /** The secrets to sign with at {@code at}: the current one first, then the previous one if not yet expired. */
    public List<Secret> validAt(Instant at) {
        return previous.filter(old -> old.validAt(at))
                .map(old -> List.of(current, old.secret()))
                .orElseGet(() -> List.of(current));
    }
}
