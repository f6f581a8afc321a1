package org.agenthooks.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.agenthooks.application.port.in.CheckSignatureCommand;
import org.agenthooks.application.port.in.ReplayWebhookCommand;
import org.agenthooks.application.port.query.ListWebhookEventsQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.ReceiverReport;
import org.agenthooks.domain.delivery.SignatureFinding;
import org.agenthooks.domain.delivery.WebhookHeaders;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * A webhook's self-serve recovery routes: replay a window ({@code POST .../replay}), pull the events meant for it
 * ({@code GET .../events}) and the signature doctor ({@code POST .../signature-check}).
 */
final class WebhookRecoveryRoutes {
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final Set<String> REPLAY_FIELDS = Set.of("since", "until", "status", "cursor");
    private static final Set<String> CHECK_FIELDS = Set.of("headers", "body", "computedSignature", "receiverTime");
    private static final Set<String> CHECK_HEADERS =
            Set.of(WebhookHeaders.ID, WebhookHeaders.TIMESTAMP, WebhookHeaders.SIGNATURE);
    private static final int MAX_SIGNATURE_CHARS = 1_000;

    private final DeliveryUseCases useCases;
    private final JsonBodies bodies;

    WebhookRecoveryRoutes(DeliveryUseCases useCases, JsonBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    void replay(ServerRequest req, ServerResponse res) {
        Optional<IdempotencyKey> key = req.headers().first(IDEMPOTENCY_KEY).map(text -> {
            try {
                return new IdempotencyKey(text);
            } catch (InvalidInputException e) {
                throw InvalidInputException.of(
                        "Idempotency-Key", "must be 1 to 128 printable ASCII characters without spaces");
            }
        });
        RequestFields fields = new RequestFields(bodies.readObject(req), REPLAY_FIELDS);
        var since = fields.requiredString("since", text -> instant("since", text));
        var until = fields.requiredString("until", text -> instant("until", text));
        var status = fields.optionalString("status", QueryParameters::deliveryStatus);
        Optional<PageCursor> cursor = fields.optionalString("cursor", text -> ListCursors.decode(req, text));
        fields.throwIfInvalid();
        ReplayOutcome outcome = useCases.replay()
                .replay(new ReplayWebhookCommand(
                        ApiKeyFilter.workspace(req),
                        PathIds.webhookId(req),
                        since.orElseThrow(),
                        until.orElseThrow(),
                        status,
                        cursor,
                        key));
        Responses.json(
                res,
                Status.ACCEPTED_202,
                JsonFactory.createObjectBuilder()
                        .add("replayed", outcome.replayed())
                        .add(
                                "nextCursor",
                                outcome.nextCursor()
                                        .<JsonValue>map(next -> JsonFactory.createValue(ListCursors.encode(req, next)))
                                        .orElse(JsonValue.NULL))
                        .build());
    }

    /**
     * Written by hand around each payload's stored bytes, so that {@code payload} is byte for byte the body the
     * webhook is sent (a JSON writer would re-serialise it).
     */
    void events(ServerRequest req, ServerResponse res) {
        QueryParameters query = new QueryParameters(req, "after", "limit");
        Optional<PageCursor> after = query.optional("after", text -> {
            try {
                return ListCursors.decode(req, text);
            } catch (InvalidInputException e) {
                throw InvalidInputException.of("after", "is not a cursor this list gave out");
            }
        });
        Page<WebhookEvent> page = useCases.listWebhookEvents()
                .list(new ListWebhookEventsQuery(
                        ApiKeyFilter.workspace(req), PathIds.webhookId(req), after, query.limit()));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"data\":[".getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (WebhookEvent row : page.items()) {
            if (!first) {
                json.write(',');
            }
            first = false;
            String head = JsonFactory.createObjectBuilder()
                    .add("eventId", row.event().id().value())
                    .add("type", row.event().type().wireName())
                    .add("createdAt", row.event().occurredAt().toString())
                    .add("deliveryStatus", row.deliveryStatus().wireName())
                    .build()
                    .toString();
            json.writeBytes(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
            json.writeBytes(",\"payload\":".getBytes(StandardCharsets.UTF_8));
            json.writeBytes(row.event().payload());
            json.write('}');
        }
        json.writeBytes(("],\"nextCursor\":" + WebhooksHttpService.nextCursor(req, page) + "}")
                .getBytes(StandardCharsets.UTF_8));
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json.toByteArray());
    }

    void signatureCheck(ServerRequest req, ServerResponse res) {
        RequestFields fields = new RequestFields(bodies.readObject(req), CHECK_FIELDS);
        var headers = fields.requiredObject("headers", WebhookRecoveryRoutes::receivedHeaders);
        var body = fields.requiredString("body", text -> text.getBytes(StandardCharsets.UTF_8));
        var computed = fields.optionalString("computedSignature", text -> bounded("computedSignature", text));
        var receiverTime = fields.optionalString("receiverTime", text -> instant("receiverTime", text));
        fields.throwIfInvalid();
        ReceivedHeaders received = headers.orElseThrow();
        SignatureFinding finding = useCases.checkSignature()
                .check(new CheckSignatureCommand(
                        ApiKeyFilter.workspace(req),
                        PathIds.webhookId(req),
                        new ReceiverReport(
                                received.id(),
                                received.timestamp(),
                                received.signature(),
                                body.orElseThrow(),
                                computed,
                                receiverTime)));
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder()
                        .add("valid", finding.valid())
                        .add("diagnosis", finding.diagnosis().wireName())
                        .add("message", finding.message())
                        .build());
    }

    /**
     * What a receiver of {@code delivery} posts to the signature doctor, but for the timestamp and signature its
     * attempt carried (known only to the receiver): the doctor's URL, the {@code webhook-id} and the body sent.
     */
    static JsonObject checkFor(Delivery delivery, byte[] body) {
        return JsonFactory.createObjectBuilder()
                .add("url", "/v1/webhooks/" + delivery.webhookId().value() + "/signature-check")
                .add(WebhookHeaders.ID, delivery.eventId().value())
                .add("body", new String(body, StandardCharsets.UTF_8))
                .build();
    }

    private record ReceivedHeaders(String id, long timestamp, String signature) {}

    /** The three headers, by their names in any case, as Standard Webhooks' headers are case-insensitive. */
    private static ReceivedHeaders receivedHeaders(JsonObject json) {
        Map<String, JsonValue> byName = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        json.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (CHECK_HEADERS.contains(lower)) {
                byName.put(lower, value);
            } else {
                errors.add(new FieldError(
                        "headers." + Problems.shorten(name),
                        "is not one of the headers checked: webhook-id, webhook-timestamp, webhook-signature"));
            }
        });
        Function<String, String> text = name -> {
            if (byName.get(name) instanceof JsonString string
                    && !string.getString().isBlank()) {
                return bounded("headers." + name, string.getString());
            }
            errors.add(new FieldError("headers." + name, "is required, as a string"));
            return "";
        };
        String id = text.apply(WebhookHeaders.ID);
        String timestamp = text.apply(WebhookHeaders.TIMESTAMP);
        String signature = text.apply(WebhookHeaders.SIGNATURE);
        long seconds = 0;
        if (!timestamp.isEmpty()) {
            try {
                seconds = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(
                        "headers." + WebhookHeaders.TIMESTAMP, "must be Unix seconds, such as 1767225600"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReceivedHeaders(id, seconds, signature);
    }

    private static String bounded(String field, String text) {
        if (text.length() > MAX_SIGNATURE_CHARS) {
            throw InvalidInputException.of(field, "must be at most " + MAX_SIGNATURE_CHARS + " characters");
        }
        return text;
    }

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be a time such as 2026-01-15T09:00:00Z");
        }
    }
}
