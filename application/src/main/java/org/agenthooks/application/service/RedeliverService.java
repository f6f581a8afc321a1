package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.agenthooks.application.delivery.DeliveryDispatcher;
import org.agenthooks.application.port.in.RedeliverUseCase;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.RequeueResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryInFlightException;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Makes a delivery due now and attempts it at once, unless an attempt of it is under way. */
public final class RedeliverService implements RedeliverUseCase {
    private final DeliveryRepository deliveries;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public RedeliverService(DeliveryRepository deliveries, DeliveryDispatcher dispatcher, Clock clock) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public Delivery redeliver(WorkspaceId workspaceId, DeliveryId deliveryId) {
        Delivery delivery = deliveries
                .find(workspaceId, deliveryId)
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId.value()));
        Instant now = Timestamps.now(clock);
        DeliveryJob job = switch (deliveries.requeue(delivery.redeliver(now), now, dispatcher.leaseUntil())) {
            case RequeueResult.Requeued requeued -> requeued.job();
            case RequeueResult.Gone gone -> throw new NotFoundException("delivery", deliveryId.value());
            case RequeueResult.InFlight inFlight ->
                throw new DeliveryInFlightException(deliveryId, inFlight.leaseUntil());
        };
        dispatcher.submit(List.of(job));
        return job.delivery();
    }
}
