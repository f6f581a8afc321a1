package org.agenthooks.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.application.port.in.RegisterWebhookCommand;
import org.agenthooks.application.port.in.ReplaceWebhookCommand;
import org.agenthooks.application.port.in.RotateWebhookSecretCommand;
import org.agenthooks.application.port.in.UpdateWebhookCommand;
import org.agenthooks.application.port.in.WebhookStats;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.WebhookStatsQuery;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * {@code /v1/webhooks}: register, read, list, change, replace and delete webhooks, rotate their secrets, and (in
 * {@link WebhookRecoveryRoutes}) replay, pull and check the signatures of what they were sent.
 */
final class WebhooksHttpService implements HttpService {
    private final WebhookUseCases useCases;
    private final DeliveryUseCases deliveries;
    private final JsonBodies bodies;
    private final WebhookRecoveryRoutes recovery;

    WebhooksHttpService(WebhookUseCases useCases, DeliveryUseCases deliveries, JsonBodies bodies) {
        this.useCases = useCases;
        this.deliveries = deliveries;
        this.bodies = bodies;
        this.recovery = new WebhookRecoveryRoutes(deliveries, bodies);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::register)
                .any("/", Problems.methodNotAllowed("GET, POST"))
                .get("/{webhookId}", this::get)
                .patch("/{webhookId}", this::update)
                .put("/{webhookId}", this::replace)
                .delete("/{webhookId}", this::delete)
                .any("/{webhookId}", Problems.methodNotAllowed("GET, PATCH, PUT, DELETE"))
                .get("/{webhookId}/deliveries", this::listDeliveries)
                .any("/{webhookId}/deliveries", Problems.methodNotAllowed("GET"))
                .get("/{webhookId}/stats", this::stats)
                .any("/{webhookId}/stats", Problems.methodNotAllowed("GET"))
                .post("/{webhookId}/secret/rotate", this::rotateSecret)
                .any("/{webhookId}/secret/rotate", Problems.methodNotAllowed("POST"))
                .post("/{webhookId}/test", this::sendTest)
                .any("/{webhookId}/test", Problems.methodNotAllowed("POST"))
                .post("/{webhookId}/replay", recovery::replay)
                .any("/{webhookId}/replay", Problems.methodNotAllowed("POST"))
                .get("/{webhookId}/events", recovery::events)
                .any("/{webhookId}/events", Problems.methodNotAllowed("GET"))
                .post("/{webhookId}/signature-check", recovery::signatureCheck)
                .any("/{webhookId}/signature-check", Problems.methodNotAllowed("POST"));
    }

    private void listDeliveries(ServerRequest req, ServerResponse res) {
        QueryParameters query = new QueryParameters(req, "status", "limit", "cursor");
        Page<Delivery> page = deliveries
                .list()
                .list(new ListDeliveriesQuery(
                        ApiKeyFilter.workspace(req),
                        PathIds.webhookId(req),
                        query.optional("status", QueryParameters::deliveryStatus),
                        query.limit(),
                        query.cursor()));
        JsonArrayBuilder data = JsonFactory.createArrayBuilder();
        page.items().forEach(delivery -> data.add(DeliveryJson.of(delivery)));
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder()
                        .add("data", data)
                        .add("nextCursor", nextCursor(req, page))
                        .build());
    }

    /** Hourly counts by status; {@code bucket} is accepted only as {@code 1h}, so a later size can be added. */
    private void stats(ServerRequest req, ServerResponse res) {
        WebhookId webhookId = PathIds.webhookId(req);
        QueryParameters query = new QueryParameters(req, "since", "bucket");
        query.optional("bucket", text -> {
            if (!text.equals(DeliveryJson.HOURLY)) {
                throw InvalidInputException.of("bucket", "must be 1h (hourly buckets are the only kind)");
            }
            return text;
        });
        WebhookStats stats = deliveries
                .stats()
                .stats(new WebhookStatsQuery(ApiKeyFilter.workspace(req), webhookId, query.optionalInstant("since")));
        Responses.json(res, Status.OK_200, DeliveryJson.of(stats));
    }

    /** The delivery, and what the signature doctor needs to check the receiver's side of it. */
    private void sendTest(ServerRequest req, ServerResponse res) {
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        Delivery delivery = deliveries.sendTest().sendTest(workspace, PathIds.webhookId(req));
        byte[] body =
                deliveries.getEvent().get(workspace, delivery.eventId()).event().payload();
        Responses.json(
                res,
                Status.ACCEPTED_202,
                JsonFactory.createObjectBuilder(DeliveryJson.of(delivery))
                        .add("signatureCheck", WebhookRecoveryRoutes.checkFor(delivery, body))
                        .build());
    }

    static JsonValue nextCursor(ServerRequest req, Page<?> page) {
        return page.next()
                .<JsonValue>map(cursor -> JsonFactory.createValue(ListCursors.encode(req, cursor)))
                .orElse(JsonValue.NULL);
    }

    private void register(ServerRequest req, ServerResponse res) {
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        RequestFields fields = new RequestFields(bodies.readObject(req), WebhookJson.DEFINITION_FIELDS);
        var name = fields.requiredString("name", WebhookName::new);
        var url = fields.requiredString("url", WebhookUrl::new);
        var agentId = fields.requiredString("agentId", AgentId::new);
        var secret = fields.optionalString("secret", Secret::of);
        var events = fields.requiredEvents("events");
        var active = fields.optionalBoolean("active");
        var ordering = fields.optionalString("ordering", WebhookJson::ordering);
        fields.throwIfInvalid();
        Webhook webhook = useCases.register()
                .register(new RegisterWebhookCommand(
                        workspace,
                        name.orElseThrow(),
                        url.orElseThrow(),
                        agentId.orElseThrow(),
                        secret,
                        events.orElseThrow(),
                        active.orElse(true),
                        ordering.orElse(Ordering.CONVERSATION)));
        res.header(HeaderNames.LOCATION, "/v1/webhooks/" + webhook.id().value());
        Responses.json(res, Status.CREATED_201, WebhookJson.withSecret(webhook, health(webhook)));
    }

    /** How this instance's delivery engine sees the webhook's endpoint, if it has sent there. */
    private Optional<EndpointHealth> health(Webhook webhook) {
        return useCases.endpointHealth().endpointHealth(webhook.url());
    }

    private JsonObject masked(Webhook webhook) {
        return WebhookJson.masked(webhook, health(webhook));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Webhook webhook = useCases.get().get(ApiKeyFilter.workspace(req), PathIds.webhookId(req));
        Responses.json(res, Status.OK_200, WebhookJson.masked(webhook, health(webhook)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        QueryParameters query = new QueryParameters(req, "agentId", "active", "event", "limit", "cursor");
        Page<Webhook> page = useCases.list()
                .list(new ListWebhooksQuery(
                        ApiKeyFilter.workspace(req),
                        query.optional("agentId", AgentId::new),
                        query.optionalBoolean("active"),
                        query.optionalEventType("event"),
                        query.limit(),
                        query.cursor()));
        JsonArrayBuilder data = JsonFactory.createArrayBuilder();
        page.items().forEach(webhook -> data.add(WebhookJson.masked(webhook, health(webhook))));
        JsonObject body = JsonFactory.createObjectBuilder()
                .add("data", data)
                .add("nextCursor", nextCursor(req, page))
                .build();
        Responses.json(res, Status.OK_200, body);
    }

    private void update(ServerRequest req, ServerResponse res) {
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        WebhookId id = PathIds.webhookId(req);
        RequestFields fields = new RequestFields(bodies.readObject(req), WebhookJson.DEFINITION_FIELDS);
        var command = new UpdateWebhookCommand(
                workspace,
                id,
                fields.optionalString("name", WebhookName::new),
                fields.optionalString("url", WebhookUrl::new),
                fields.optionalString("agentId", AgentId::new),
                fields.optionalString("secret", Secret::of),
                fields.optionalEvents("events"),
                fields.optionalBoolean("active"),
                fields.optionalString("ordering", WebhookJson::ordering));
        fields.throwIfInvalid();
        Responses.json(res, Status.OK_200, masked(useCases.update().update(command)));
    }

    private void replace(ServerRequest req, ServerResponse res) {
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        WebhookId id = PathIds.webhookId(req);
        RequestFields fields = new RequestFields(bodies.readObject(req), WebhookJson.DEFINITION_FIELDS);
        var name = fields.requiredString("name", WebhookName::new);
        var url = fields.requiredString("url", WebhookUrl::new);
        var agentId = fields.requiredString("agentId", AgentId::new);
        Optional<Secret> secret = fields.optionalString("secret", Secret::of);
        var events = fields.requiredEvents("events");
        var active = fields.optionalBoolean("active");
        var ordering = fields.optionalString("ordering", WebhookJson::ordering);
        fields.throwIfInvalid();
        Webhook webhook = useCases.replace()
                .replace(new ReplaceWebhookCommand(
                        workspace,
                        id,
                        name.orElseThrow(),
                        url.orElseThrow(),
                        agentId.orElseThrow(),
                        secret,
                        events.orElseThrow(),
                        active.orElse(true),
                        ordering.orElse(Ordering.CONVERSATION)));
        Responses.json(res, Status.OK_200, WebhookJson.masked(webhook, health(webhook)));
    }

    /** The body is optional: no body rotates to a generated secret with the default grace period. */
    private void rotateSecret(ServerRequest req, ServerResponse res) {
        WorkspaceId workspace = ApiKeyFilter.workspace(req);
        WebhookId id = PathIds.webhookId(req);
        JsonObject body = req.content().hasEntity() ? bodies.readObject(req) : JsonValue.EMPTY_JSON_OBJECT;
        RequestFields fields = new RequestFields(body, WebhookJson.ROTATION_FIELDS);
        Optional<Secret> secret = fields.optionalString("secret", Secret::of);
        Optional<Long> graceSeconds = fields.optionalWholeNumber("gracePeriodSeconds");
        fields.throwIfInvalid();
        Duration grace = graceSeconds.map(Duration::ofSeconds).orElse(RotateWebhookSecretCommand.DEFAULT_GRACE_PERIOD);
        Webhook rotated =
                useCases.rotateSecret().rotateSecret(new RotateWebhookSecretCommand(workspace, id, secret, grace));
        Responses.json(res, Status.OK_200, WebhookJson.withSecret(rotated, health(rotated)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        useCases.delete().delete(ApiKeyFilter.workspace(req), PathIds.webhookId(req));
        res.status(Status.NO_CONTENT_204).send();
    }
}
