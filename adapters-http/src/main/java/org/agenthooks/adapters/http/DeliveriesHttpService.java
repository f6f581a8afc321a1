package org.agenthooks.adapters.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import org.agenthooks.application.port.in.DeliveryDetails;

/** {@code /v1/deliveries}: one delivery with its attempts, and redelivering it. */
final class DeliveriesHttpService implements HttpService {
    private final DeliveryUseCases useCases;

    DeliveriesHttpService(DeliveryUseCases useCases) {
        this.useCases = useCases;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{deliveryId}", this::get)
                .any("/{deliveryId}", Problems.methodNotAllowed("GET"))
                .post("/{deliveryId}/redeliver", this::redeliver)
                .any("/{deliveryId}/redeliver", Problems.methodNotAllowed("POST"));
    }

    private void get(ServerRequest req, ServerResponse res) {
        DeliveryDetails details = useCases.get().get(ApiKeyFilter.workspace(req), PathIds.deliveryId(req));
        JsonArrayBuilder attempts = JsonFactory.createArrayBuilder();
        details.attempts().forEach(attempt -> attempts.add(DeliveryJson.of(attempt)));
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder(DeliveryJson.of(details.delivery()))
                        .add("attemptLog", attempts)
                        .build());
    }

    private void redeliver(ServerRequest req, ServerResponse res) {
        Responses.json(
                res,
                Status.ACCEPTED_202,
                DeliveryJson.of(useCases.redeliver().redeliver(ApiKeyFilter.workspace(req), PathIds.deliveryId(req))));
    }
}
