package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Disablement;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Webhooks in the {@code webhooks} table. Every statement is scoped by workspace; the subscribed events are one
 * comma-joined text column, so both databases can filter on them with a plain {@code LIKE}. {@code failing_since}
 * is the delivery engine's bookkeeping for auto-disable, never part of a {@link Webhook}.
 */
public final class JdbcWebhookRepository implements WebhookRepository {
    private static final String COLUMNS =
            "webhook_id, workspace_id, name, agent_id, url, secret, events, active, created_at, updated_at,"
                    + " disabled_reason, disabled_at";
    private static final String BY_ID = " WHERE workspace_id = :workspaceId AND webhook_id = :webhookId";
    /** Only these columns, so that an edit stored after the webhook was read stays. */
    private static final String DEACTIVATE = "UPDATE webhooks SET active = FALSE, updated_at = :at,"
            + " disabled_reason = :reason, disabled_at = :at" + BY_ID;

    private final DbClient db;

    public JdbcWebhookRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(Webhook webhook) {
        db.execute()
                .createInsert("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:webhookId, :workspaceId,"
                        + " :name, :agentId, :url, :secret, :events, :active, :createdAt, :updatedAt,"
                        + " :disabledReason, :disabledAt)")
                .params(params(webhook))
                .execute();
    }

    @Override
    public boolean update(Webhook webhook) {
        return db.execute()
                        // Made active again, it starts with no run of failures behind it.
                        .createUpdate("UPDATE webhooks SET name = :name, agent_id = :agentId, url = :url,"
                                + " secret = :secret, events = :events,"
                                + " failing_since = CASE WHEN :active AND NOT active THEN NULL ELSE failing_since END,"
                                + " active = :active, updated_at = :updatedAt,"
                                + " disabled_reason = :disabledReason, disabled_at = :disabledAt"
                                + BY_ID)
                        .params(params(webhook))
                        .execute()
                == 1;
    }

    @Override
    public boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, String reason, Instant at) {
        return db.execute()
                        .createUpdate(DEACTIVATE + " AND active")
                        .addParam("reason", reason)
                        .addParam("at", SqlTime.of(at))
                        .addParam("workspaceId", workspaceId.value())
                        .addParam("webhookId", webhookId.value())
                        .execute()
                == 1;
    }

    @Override
    public Optional<Instant> noteFailure(WorkspaceId workspaceId, WebhookId webhookId, Instant at) {
        db.execute()
                .createUpdate("UPDATE webhooks SET failing_since = :at" + BY_ID + " AND failing_since IS NULL")
                .addParam("at", SqlTime.of(at))
                .addParam("workspaceId", workspaceId.value())
                .addParam("webhookId", webhookId.value())
                .execute();
        return db.execute()
                .createGet("SELECT failing_since FROM webhooks" + BY_ID)
                .addParam("workspaceId", workspaceId.value())
                .addParam("webhookId", webhookId.value())
                .execute()
                .map(Row::of)
                .flatMap(row -> row.optionalInstant("failing_since"));
    }

    @Override
    public void noteSuccess(WorkspaceId workspaceId, WebhookId webhookId) {
        // The condition keeps the common case (nothing was failing) a read, taking no row lock.
        db.execute()
                .createUpdate("UPDATE webhooks SET failing_since = NULL" + BY_ID + " AND failing_since IS NOT NULL")
                .addParam("workspaceId", workspaceId.value())
                .addParam("webhookId", webhookId.value())
                .execute();
    }

    @Override
    public boolean deactivateIfFailingSince(
            WorkspaceId workspaceId, WebhookId webhookId, Instant failingSince, String reason, Instant at) {
        return db.execute()
                        .createUpdate(DEACTIVATE + " AND active AND failing_since = :failingSince")
                        .addParam("reason", reason)
                        .addParam("at", SqlTime.of(at))
                        .addParam("failingSince", SqlTime.of(failingSince))
                        .addParam("workspaceId", workspaceId.value())
                        .addParam("webhookId", webhookId.value())
                        .execute()
                == 1;
    }

    @Override
    public Optional<Webhook> find(WorkspaceId workspaceId, WebhookId webhookId) {
        return db.execute()
                .createGet("SELECT " + COLUMNS + " FROM webhooks" + BY_ID)
                .addParam("workspaceId", workspaceId.value())
                .addParam("webhookId", webhookId.value())
                .execute()
                .map(Row::of)
                .map(JdbcWebhookRepository::toWebhook);
    }

    @Override
    public boolean remove(WorkspaceId workspaceId, WebhookId webhookId) {
        return db.execute()
                        .createDelete("DELETE FROM webhooks" + BY_ID)
                        .addParam("workspaceId", workspaceId.value())
                        .addParam("webhookId", webhookId.value())
                        .execute()
                == 1;
    }

    @Override
    public Page<Webhook> list(ListWebhooksQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhooks WHERE workspace_id = :workspaceId");
        Map<String, Object> params = new HashMap<>();
        params.put("workspaceId", query.workspaceId().value());
        query.agentId().ifPresent(agentId -> {
            sql.append(" AND agent_id = :agentId");
            params.put("agentId", agentId.value());
        });
        query.active().ifPresent(active -> {
            sql.append(" AND active = :active");
            params.put("active", active);
        });
        query.event().ifPresent(event -> {
            sql.append(" AND (',' || events || ',') LIKE :eventPattern ESCAPE '\\'");
            params.put("eventPattern", "%," + escapeLike(event.wireName()) + ",%");
        });
        query.after().ifPresent(cursor -> {
            // Strictly after the cursor in (created_at DESC, webhook_id DESC) order.
            sql.append(" AND (created_at < :afterCreatedAt"
                    + " OR (created_at = :afterCreatedAt AND webhook_id < :afterId))");
            params.put("afterCreatedAt", SqlTime.of(cursor.createdAt()));
            params.put("afterId", cursor.id());
        });
        sql.append(" ORDER BY created_at DESC, webhook_id DESC LIMIT :rows");
        params.put("rows", query.limit().value() + 1); // one more than a page: is there another? (Page.of)

        List<Webhook> rows = db.execute()
                .createQuery(sql.toString())
                .params(params)
                .execute()
                .map(Row::of)
                .map(JdbcWebhookRepository::toWebhook)
                .toList();
        return Page.of(
                rows,
                query.limit(),
                webhook -> new PageCursor(webhook.createdAt(), webhook.id().value()));
    }

    @Override
    public List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId) {
        return db.execute()
                .createQuery("SELECT " + COLUMNS + " FROM webhooks"
                        + " WHERE workspace_id = :workspaceId AND agent_id = :agentId AND active"
                        + " ORDER BY created_at, webhook_id")
                .addParam("workspaceId", workspaceId.value())
                .addParam("agentId", agentId.value())
                .execute()
                .map(Row::of)
                .map(JdbcWebhookRepository::toWebhook)
                .toList();
    }

    private static Map<String, Object> params(Webhook webhook) {
        Map<String, Object> params = new HashMap<>(Map.of(
                "webhookId", webhook.id().value(),
                "workspaceId", webhook.workspaceId().value(),
                "name", webhook.name().value(),
                "agentId", webhook.agentId().value(),
                "url", webhook.url().value(),
                "secret", webhook.secret().reveal(),
                "events",
                        webhook.events().inOrder().stream()
                                .map(EventType::wireName)
                                .collect(Collectors.joining(",")),
                "active", webhook.active(),
                "createdAt", SqlTime.of(webhook.createdAt()),
                "updatedAt", SqlTime.of(webhook.updatedAt())));
        // Map.of takes no nulls, and a webhook that was not disabled has none of these.
        params.put(
                "disabledReason", webhook.disablement().map(Disablement::reason).orElse(null));
        params.put(
                "disabledAt",
                webhook.disablement().map(Disablement::at).map(SqlTime::of).orElse(null));
        return params;
    }

    private static Webhook toWebhook(Row row) {
        return Webhook.restore(
                new WebhookId(row.text("webhook_id")),
                new WorkspaceId(row.text("workspace_id")),
                new WebhookName(row.text("name")),
                new AgentId(row.text("agent_id")),
                new WebhookUrl(row.text("url")),
                Secret.of(row.text("secret")),
                events(row.text("events")),
                row.flag("active"),
                row.instant("created_at"),
                row.instant("updated_at"),
                row.optionalText("disabled_reason")
                        .map(reason -> new Disablement(reason, row.instant("disabled_at")))
                        .orElse(null));
    }

    private static Subscriptions events(String stored) {
        return Subscriptions.of(Arrays.stream(stored.split(","))
                .map(name -> EventType.fromWireName(name)
                        .orElseThrow(() -> new IllegalStateException("unknown stored event type: " + name)))
                .toList());
    }

    /** Wire names contain '_', which LIKE would otherwise take for "any one character". */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
