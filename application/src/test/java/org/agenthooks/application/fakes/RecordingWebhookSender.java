package org.agenthooks.application.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.WebhookSender;
import org.agenthooks.domain.delivery.AttemptResult;

/** Fake of {@link WebhookSender}: records every request and answers 200 OK, for adapter tests without a network. */
public final class RecordingWebhookSender implements WebhookSender {
    private final List<OutboundRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public AttemptResult send(OutboundRequest request) {
        requests.add(request);
        return AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(1), "ok");
    }

    public List<OutboundRequest> requests() {
        return List.copyOf(requests);
    }
}
