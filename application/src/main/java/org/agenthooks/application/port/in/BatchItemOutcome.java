package org.agenthooks.application.port.in;

import java.util.Objects;
import org.agenthooks.domain.shared.InvalidInputException;

/** What became of one event of a batch: accepted (as a single ingest answers) or refused, and why. */
public sealed interface BatchItemOutcome {
    /** The event was taken in, or was a repeat of one taken in under its idempotency key. */
    record Accepted(IngestedEvent event) implements BatchItemOutcome {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The event broke a rule; nothing of it was stored. */
    record Refused(InvalidInputException reason) implements BatchItemOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
