package org.agenthooks.application.port.in;

import java.util.List;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * Use case: taking in up to {@value #MAX_EVENTS} agent events at once, each under exactly the rules of one
 * ({@link IngestEventUseCase}), the accepted ones committed together before this returns.
 */
public interface IngestEventBatchUseCase {
    /** The most events one batch may hold. */
    int MAX_EVENTS = 500;

    /**
     * One outcome per command, in their order: each accepted or refused on its own, so one bad event does not
     * refuse the others. Two commands with the same idempotency key: the second is a repeat of the first.
     *
     * @throws InvalidInputException if there are no commands or more than
     *         {@value #MAX_EVENTS}
     */
    List<BatchItemOutcome> ingestAll(List<IngestEventCommand> commands);

    /** Refuses a batch of no events or of more than {@value #MAX_EVENTS}, naming the field {@code events}. */
    static void requireSize(int events) {
        if (events == 0) {
            throw InvalidInputException.of("events", "must hold at least one event");
        }
        if (events > MAX_EVENTS) {
            throw InvalidInputException.of(
                    "events", "holds " + events + " events; at most " + MAX_EVENTS + " are taken at once");
        }
    }
}
