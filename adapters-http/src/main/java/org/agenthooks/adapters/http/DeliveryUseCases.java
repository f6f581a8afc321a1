package org.agenthooks.adapters.http;

import java.util.Objects;
import org.agenthooks.application.port.in.CheckSignatureUseCase;
import org.agenthooks.application.port.in.GetDeliveryUseCase;
import org.agenthooks.application.port.in.GetEventUseCase;
import org.agenthooks.application.port.in.GetWebhookStatsUseCase;
import org.agenthooks.application.port.in.IngestEventBatchUseCase;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.in.ListDeliveriesUseCase;
import org.agenthooks.application.port.in.ListWebhookEventsUseCase;
import org.agenthooks.application.port.in.RedeliverUseCase;
import org.agenthooks.application.port.in.ReplayWebhookUseCase;
import org.agenthooks.application.port.in.SendTestEventUseCase;

/**
 * The event and delivery use cases behind {@code /v1/events} (single and batch), {@code /v1/deliveries} and a webhook's deliveries,
 * stats, replay, events to pull and signature check.
 */
public record DeliveryUseCases(
        IngestEventUseCase ingest,
        IngestEventBatchUseCase ingestBatch,
        GetEventUseCase getEvent,
        ListDeliveriesUseCase list,
        GetDeliveryUseCase get,
        RedeliverUseCase redeliver,
        SendTestEventUseCase sendTest,
        GetWebhookStatsUseCase stats,
        ReplayWebhookUseCase replay,
        ListWebhookEventsUseCase listWebhookEvents,
        CheckSignatureUseCase checkSignature) {
    public DeliveryUseCases {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(ingestBatch, "ingestBatch");
        Objects.requireNonNull(getEvent, "getEvent");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(redeliver, "redeliver");
        Objects.requireNonNull(sendTest, "sendTest");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(listWebhookEvents, "listWebhookEvents");
        Objects.requireNonNull(checkSignature, "checkSignature");
    }
}
