package org.agenthooks.adapters.messaging;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.agenthooks.application.port.in.IngestEventCommand;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Reads a bus message into an ingest command by the rules of {@code POST /v1/events} (same fields, same checks,
 * unknown fields refused), plus the workspace: the body's {@code workspaceId} or the
 * {@value #WORKSPACE_HEADER} header, or none when the source is bound to a single workspace. A workspace the
 * source may not write to is refused. The idempotency key is the body's {@code id}, else the broker's message id,
 * so a redelivered message is the same event.
 */
public final class BusMessageParser {
    /** The header that may name the message's workspace instead of the body's {@code workspaceId}. */
    public static final String WORKSPACE_HEADER = "webhooks-workspace-id";

    /** The largest body read: the event's data may be 256 KiB, and the rest of the fields are short. */
    static final int MAX_BODY_BYTES = EventData.MAX_BYTES + 16 * 1024;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("type", "agentId", "data", "conversationId", "id", "workspaceId");

    private final BusSource source;

    public BusMessageParser(BusSource source) {
        this.source = source;
    }

    public ParsedMessage parse(BusMessage message) {
        if (message.body().length > MAX_BODY_BYTES) {
            return refused("the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(message.body()))) {
            json = reader.readObject();
        } catch (RuntimeException malformed) {
            // Parsson throws JsonParsingException, JsonException or IllegalStateException for different flaws;
            // each means the same here, and its message may quote the body, so it is not passed on.
            return refused("the body is not a JSON object (malformed JSON)");
        }
        Fields fields = new Fields(json);
        var type = fields.requiredString("type", name -> EventType.subscribable("type", name));
        var agentId = fields.requiredString("agentId", AgentId::new);
        var data = fields.requiredObject("data", object -> new EventData(object.toString()));
        var conversationId = fields.optionalString("conversationId", ConversationId::new);
        var ownId = fields.optionalString("id", IdempotencyKey::new);
        var named = fields.optionalString("workspaceId", WorkspaceId::new);
        if (!fields.errors.isEmpty()) {
            return new ParsedMessage.Refused(Refusal.of(new InvalidInputException(fields.errors)));
        }
        Optional<String> header = message.header(WORKSPACE_HEADER);
        if (named.isPresent()
                && header.isPresent()
                && !header.get().equals(named.get().value())) {
            return refused("workspaceId and the " + WORKSPACE_HEADER + " header name different workspaces");
        }
        Optional<WorkspaceId> workspace;
        try {
            workspace = named.or(() -> header.map(WorkspaceId::new)).or(source::soleWorkspace);
        } catch (InvalidInputException invalid) {
            return refused(WORKSPACE_HEADER + ": " + invalid.errors().getFirst().message());
        }
        if (workspace.isEmpty()) {
            return refused("workspaceId is required: source '" + source.name() + "' writes to several workspaces");
        }
        if (!source.mayWriteTo(workspace.get())) {
            return refused("workspaceId: source '" + source.name() + "' may not write to workspace "
                    + workspace.get().value());
        }
        Optional<IdempotencyKey> key;
        try {
            key = ownId.or(() -> message.brokerMessageId().map(IdempotencyKey::new));
        } catch (InvalidInputException invalid) {
            return refused(
                    "the broker's message id " + invalid.errors().getFirst().message() + " (or give the body an id)");
        }
        // A malformed traceparent starts a new trace, as on HTTP: never a reason to refuse the event.
        Optional<TraceParent> traceParent = message.header(TraceParent.HEADER).flatMap(TraceParent::parse);
        return new ParsedMessage.Ingest(new IngestEventCommand(
                workspace.get(),
                type.orElseThrow(),
                agentId.orElseThrow(),
                conversationId,
                data.orElseThrow(),
                key,
                traceParent));
    }

    private static ParsedMessage refused(String reason) {
        return new ParsedMessage.Refused(new Refusal(reason));
    }

    /** Typed fields out of the body, every error collected, as the HTTP adapter reads a request. */
    private static final class Fields {
        private final JsonObject json;
        private final List<FieldError> errors = new ArrayList<>();

        Fields(JsonObject json) {
            this.json = json;
            json.keySet().stream()
                    .filter(name -> !FIELDS.contains(name))
                    .sorted()
                    .limit(5)
                    .forEach(name -> errors.add(new FieldError(
                            shorten(name),
                            "is not a known field; known fields: "
                                    + String.join(", ", FIELDS.stream().sorted().toList()))));
        }

        <T> Optional<T> requiredString(String name, Function<String, T> parse) {
            if (!json.containsKey(name)) {
                errors.add(new FieldError(name, "is required"));
                return Optional.empty();
            }
            return optionalString(name, parse);
        }

        <T> Optional<T> optionalString(String name, Function<String, T> parse) {
            if (!json.containsKey(name)) {
                return Optional.empty();
            }
            if (!(json.get(name) instanceof JsonString string)) {
                errors.add(new FieldError(name, "must be a string"));
                return Optional.empty();
            }
            return parsed(() -> parse.apply(string.getString()));
        }

        <T> Optional<T> requiredObject(String name, Function<JsonObject, T> parse) {
            if (!json.containsKey(name)) {
                errors.add(new FieldError(name, "is required"));
                return Optional.empty();
            }
            JsonValue value = json.get(name);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(name, "must be a JSON object"));
                return Optional.empty();
            }
            return parsed(() -> parse.apply(value.asJsonObject()));
        }

        private <T> Optional<T> parsed(java.util.function.Supplier<T> parse) {
            try {
                return Optional.of(parse.get());
            } catch (InvalidInputException invalid) {
                errors.addAll(invalid.errors());
                return Optional.empty();
            }
        }

        private static String shorten(String name) {
            return name.length() <= 40 ? name : name.substring(0, 40) + "…";
        }
    }
}
