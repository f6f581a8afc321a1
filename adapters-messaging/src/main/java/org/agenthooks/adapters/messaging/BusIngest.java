package org.agenthooks.adapters.messaging;

import java.io.IOException;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * The broker-neutral handling of one message, shared by every consumer: parse it, ingest it through the same
 * use case as {@code POST /v1/events}, and say what the consumer must do with it. A message that can never be
 * ingested (malformed, unknown agent, foreign workspace) goes to the dead letters first and is then acknowledged;
 * one that failed for a passing reason (the database down) is to come back later.
 */
public final class BusIngest {
    private static final System.Logger LOG = System.getLogger(BusIngest.class.getName());

    /** What the consumer does with the message on its source. */
    public enum Disposition {
        /** Done with: its event and deliveries are committed, or it sits in the dead letters. */
        ACK,
        /** Not done: hand it back to the broker to be redelivered after a delay. */
        RETRY
    }

    private final BusSource source;
    private final BusMessageParser parser;
    private final IngestEventUseCase ingest;
    private final DeadLetters deadLetters;
    private final EngineMetrics metrics;

    public BusIngest(BusSource source, IngestEventUseCase ingest, DeadLetters deadLetters, EngineMetrics metrics) {
        this.source = source;
        this.parser = new BusMessageParser(source);
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public BusSource source() {
        return source;
    }

    /** Never throws: every failure becomes a disposition, so one message cannot stop a consumer. */
    public Disposition handle(BusMessage message) {
        try {
            return switch (parser.parse(message)) {
                case ParsedMessage.Refused refused -> refuse(message, refused.refusal());
                case ParsedMessage.Ingest command -> {
                    ingest.ingest(command.command());
                    metrics.busMessageHandled(source.name(), EngineMetrics.BusOutcome.ACCEPTED);
                    yield Disposition.ACK;
                }
            };
        } catch (InvalidInputException invalid) {
            // The rules that need the store (the agent exists in the workspace) are the use case's.
            return refuse(message, Refusal.of(invalid));
        } catch (StorageUnavailableException unavailable) {
            metrics.busMessageHandled(source.name(), EngineMetrics.BusOutcome.RETRIED);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "Message " + message.origin() + " from " + source.name() + " will be retried: "
                            + unavailable.getMessage());
            return Disposition.RETRY;
        } catch (RuntimeException unexpected) {
            // A fault of ours, not of the message: dead-lettering it would lose a good event, so it comes back.
            metrics.busMessageHandled(source.name(), EngineMetrics.BusOutcome.RETRIED);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Message " + message.origin() + " from " + source.name() + " failed and will be retried",
                    unexpected);
            return Disposition.RETRY;
        }
    }

    private Disposition refuse(BusMessage message, Refusal refusal) {
        try {
            deadLetters.publish(message, refusal);
        } catch (IOException | RuntimeException notTaken) {
            metrics.busMessageHandled(source.name(), EngineMetrics.BusOutcome.RETRIED);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Refused message " + message.origin() + " from " + source.name()
                            + " could not be dead-lettered and will be retried: " + notTaken);
            return Disposition.RETRY;
        }
        metrics.busMessageHandled(source.name(), EngineMetrics.BusOutcome.REFUSED);
        LOG.log(
                System.Logger.Level.WARNING,
                "Refused message " + message.origin() + " from " + source.name() + " (dead-lettered): "
                        + refusal.reason());
        return Disposition.ACK;
    }
}
