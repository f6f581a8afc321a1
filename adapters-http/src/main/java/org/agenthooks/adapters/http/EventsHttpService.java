package org.agenthooks.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.in.BatchItemOutcome;
import org.agenthooks.application.port.in.EventDetails;
import org.agenthooks.application.port.in.IngestEventBatchUseCase;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.application.port.in.IngestedEvent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * {@code /v1/events}: agents' events in, one at a time or in batches whose every item is read and checked exactly as
 * a single event is, and a look at where each stands.
 */
final class EventsHttpService implements HttpService {
    private static final Set<String> FIELDS = Set.of("type", "agentId", "data", "conversationId", "id");
    private static final Set<String> BATCH_FIELDS = Set.of("events");
    private static final HeaderName TRACEPARENT = HeaderNames.create(TraceParent.HEADER);

    private final DeliveryUseCases useCases;
    private final JsonBodies bodies;
    private final JsonBodies batchBodies;
    private final RateLimitFilter rateLimits;

    EventsHttpService(
            DeliveryUseCases useCases, JsonBodies bodies, JsonBodies batchBodies, RateLimitFilter rateLimits) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.batchBodies = batchBodies;
        this.rateLimits = rateLimits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::ingest)
                .any("/", Problems.methodNotAllowed("POST"))
                .post("/batch", this::ingestBatch)
                .any("/batch", Problems.methodNotAllowed("POST"))
                .get("/{eventId}", this::get)
                .any("/{eventId}", Problems.methodNotAllowed("GET"));
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        IngestedEvent ingested = useCases.ingest()
                .ingest(command(ApiKeyFilter.workspace(req), bodies.readObject(req), traceParent(req)));
        res.header(HeaderNames.LOCATION, "/v1/events/" + ingested.eventId().value());
        Responses.json(res, Status.ACCEPTED_202, accepted(ingested).build());
    }

    /**
     * Each item answered in its place: 202 with the event, or the problem the single endpoint would answer it
     * with. Only the body as a whole can be refused: not JSON, too large, no list, an empty one or one too long.
     */
    private void ingestBatch(ServerRequest req, ServerResponse res) {
        RequestFields fields = new RequestFields(batchBodies.readObject(req), BATCH_FIELDS);
        var items = fields.requiredArray("events");
        fields.throwIfInvalid();
        JsonArray events = items.orElseThrow();
        // Checked before the rate limit takes a token per event.
        IngestEventBatchUseCase.requireSize(events.size());
        rateLimits.takeForEvents(req, res, events.size() - 1);
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        // Every event of the batch came in this request, so each starts its trace under the request's.
        Optional<TraceParent> trace = traceParent(req);
        JsonObject[] results = new JsonObject[events.size()];
        List<IngestEventCommand> commands = new ArrayList<>(events.size());
        List<Integer> commandAt = new ArrayList<>(events.size());
        for (int at = 0; at < events.size(); at++) {
            try {
                if (!(events.get(at) instanceof JsonObject item)) {
                    throw new HttpProblem(Status.BAD_REQUEST_400, "The event must be a JSON object.");
                }
                commands.add(command(workspace, item, trace));
                commandAt.add(at);
            } catch (InvalidInputException e) {
                results[at] = Problems.of(e);
            } catch (HttpProblem e) {
                results[at] = Problems.of(e);
            }
        }
        if (!commands.isEmpty()) {
            List<BatchItemOutcome> outcomes = useCases.ingestBatch().ingestAll(commands);
            for (int i = 0; i < outcomes.size(); i++) {
                results[commandAt.get(i)] = switch (outcomes.get(i)) {
                    case BatchItemOutcome.Accepted accepted ->
                        accepted(accepted.event())
                                .add("status", Status.ACCEPTED_202.code())
                                .build();
                    case BatchItemOutcome.Refused refused -> Problems.of(refused.reason());
                };
            }
        }
        JsonArrayBuilder answers = JsonFactory.createArrayBuilder();
        for (JsonObject result : results) {
            answers.add(result);
        }
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder().add("results", answers).build());
    }

    /** An event as the single endpoint reads it, every field error collected. */
    private static IngestEventCommand command(WorkspaceId workspace, JsonObject body, Optional<TraceParent> trace) {
        RequestFields fields = new RequestFields(body, FIELDS);
        var type = fields.requiredString("type", EventsHttpService::eventType);
        var agentId = fields.requiredString("agentId", AgentId::new);
        var data = fields.requiredObject("data", object -> new EventData(object.toString()));
        var conversationId = fields.optionalString("conversationId", ConversationId::new);
        var idempotencyKey = fields.optionalString("id", IdempotencyKey::new);
        fields.throwIfInvalid();
        return new IngestEventCommand(
                workspace,
                type.orElseThrow(),
                agentId.orElseThrow(),
                conversationId,
                data.orElseThrow(),
                idempotencyKey,
                trace);
    }

    /**
     * The trace the event came in, if its {@code traceparent} header is one (and only one): a malformed or repeated
     * header is ignored and the event starts a trace of its own, never a 400, as W3C Trace Context asks.
     */
    private static Optional<TraceParent> traceParent(ServerRequest req) {
        List<String> values = req.headers().all(TRACEPARENT, List::of);
        return values.size() == 1 ? TraceParent.parse(values.getFirst()) : Optional.empty();
    }

    private static JsonObjectBuilder accepted(IngestedEvent ingested) {
        return JsonFactory.createObjectBuilder()
                .add("eventId", ingested.eventId().value())
                .add("deliveries", ingested.deliveries());
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
