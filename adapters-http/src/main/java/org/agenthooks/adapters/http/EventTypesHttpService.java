package org.agenthooks.adapters.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import org.agenthooks.domain.event.EventType;

/** {@code /v1/event-types}: the event catalog with descriptions. */
final class EventTypesHttpService implements HttpService {
    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).any("/", Problems.methodNotAllowed("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder data = JsonFactory.createArrayBuilder();
        for (EventType type : EventType.values()) {
            data.add(JsonFactory.createObjectBuilder()
                    .add("name", type.wireName())
                    .add("description", type.description())
                    .add("subscribable", type.subscribable()));
        }
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder().add("data", data).build());
    }
}
