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
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Webhooks in the {@code webhooks} table. Every statement is scoped by workspace; the subscribed events are one
 * comma-joined text column, so both databases can filter on them with a plain {@code LIKE}.
 */
public final class JdbcWebhookRepository implements WebhookRepository {
    private static final String COLUMNS =
            "webhook_id, workspace_id, name, agent_id, url, secret, events, active," + " created_at, updated_at";
    private static final String BY_ID = " WHERE workspace_id = :workspaceId AND webhook_id = :webhookId";

    private final DbClient db;

    public JdbcWebhookRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(Webhook webhook) {
        db.execute()
                .createInsert("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:webhookId, :workspaceId,"
                        + " :name, :agentId, :url, :secret, :events, :active, :createdAt, :updatedAt)")
                .params(params(webhook))
                .execute();
    }

    @Override
    public boolean update(Webhook webhook) {
        return db.execute()
                        .createUpdate("UPDATE webhooks SET name = :name, agent_id = :agentId, url = :url,"
                                + " secret = :secret, events = :events, active = :active, updated_at = :updatedAt"
                                + BY_ID)
                        .params(params(webhook))
                        .execute()
                == 1;
    }

    @Override
    public boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, Instant at) {
        return db.execute()
                        .createUpdate(
                                "UPDATE webhooks SET active = FALSE, updated_at = :updatedAt" + BY_ID + " AND active")
                        .addParam("updatedAt", SqlTime.of(at))
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
        return Map.of(
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
                "updatedAt", SqlTime.of(webhook.updatedAt()));
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
                row.instant("updated_at"));
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
