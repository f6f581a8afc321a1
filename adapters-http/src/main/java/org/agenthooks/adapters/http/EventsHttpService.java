package org.agenthooks.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.in.EventDetails;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;

/** {@code /v1/events}: agents' events in, and a look at where each stands. */
final class EventsHttpService implements HttpService {
    private static final Set<String> FIELDS = Set.of("type", "agentId", "data", "conversationId", "id");
    private static final HeaderName TRACEPARENT = HeaderNames.create(TraceParent.HEADER);

    private final DeliveryUseCases useCases;
    private final JsonBodies bodies;

    EventsHttpService(DeliveryUseCases useCases, JsonBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::ingest)
                .any("/", Problems.methodNotAllowed("POST"))
                .get("/{eventId}", this::get)
                .any("/{eventId}", Problems.methodNotAllowed("GET"));
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        RequestFields fields = new RequestFields(bodies.readObject(req), FIELDS);
        var type = fields.requiredString("type", EventsHttpService::eventType);
        var agentId = fields.requiredString("agentId", AgentId::new);
        var data = fields.requiredObject("data", object -> new EventData(object.toString()));
        var conversationId = fields.optionalString("conversationId", ConversationId::new);
        var idempotencyKey = fields.optionalString("id", IdempotencyKey::new);
        fields.throwIfInvalid();
        IngestedEvent ingested = useCases.ingest()
                .ingest(new IngestEventCommand(
                        ApiKeyFilter.workspace(req),
                        type.orElseThrow(),
                        agentId.orElseThrow(),
                        conversationId,
                        data.orElseThrow(),
                        idempotencyKey,
                        traceParent(req)));
        res.header(HeaderNames.LOCATION, "/v1/events/" + ingested.eventId().value());
        Responses.json(
                res,
                Status.ACCEPTED_202,
                JsonFactory.createObjectBuilder()
                        .add("eventId", ingested.eventId().value())
                        .add("deliveries", ingested.deliveries())
                        .build());
    }

    /**
     * The trace the event came in, if its {@code traceparent} header is one (and only one): a malformed or repeated
     * header is ignored and the event starts a trace of its own, never a 400, as W3C Trace Context asks.
     */
    private static Optional<TraceParent> traceParent(ServerRequest req) {
        List<String> values = req.headers().all(TRACEPARENT, List::of);
        return values.size() == 1 ? TraceParent.parse(values.getFirst()) : Optional.empty();
    }

    private void get(ServerRequest req, ServerResponse res) {
        EventDetails details = useCases.getEvent().get(ApiKeyFilter.workspace(req), PathIds.eventId(req));
        AgentEvent event = details.event();
        JsonArrayBuilder deliveries = JsonFactory.createArrayBuilder();
        details.deliveries().forEach(delivery -> deliveries.add(DeliveryJson.of(delivery)));
        JsonObject payload;
        try (JsonReader reader = JsonFactory.createReader(new ByteArrayInputStream(event.payload()))) {
            payload = reader.readObject();
        }
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder(payload)
                        .add("deliveries", deliveries)
                        .build());
    }

    private static EventType eventType(String name) {
        return EventType.subscribable("type", name);
    }
}
