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
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.PreviousSecret;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Webhooks in the {@code webhooks} table. Every statement is scoped by workspace; the subscribed events are one
 * comma-joined text column, so both databases can filter on them with a plain {@code LIKE}. Secrets are stored
 * sealed ({@link SecretSealer}), the current one bound to the webhook id, the previous one to
 * {@code <webhook id>/previous}. {@code failing_since} is the delivery engine's bookkeeping for auto-disable, never
 * part of a {@link Webhook}.
 */
public final class JdbcWebhookRepository implements WebhookRepository {
    private static final String COLUMNS = "webhook_id, workspace_id, name, agent_id, url, secret, previous_secret,"
            + " previous_secret_expires_at, events, active, created_at, updated_at, disabled_reason, disabled_at, ordering";
    private static final String BY_ID = " WHERE workspace_id = :workspaceId AND webhook_id = :webhookId";
    /** Only these columns, so that an edit stored after the webhook was read stays. */
    private static final String DEACTIVATE = "UPDATE webhooks SET active = FALSE, updated_at = :at,"
            + " disabled_reason = :reason, disabled_at = :at" + BY_ID;

    private final DbClient db;
    private final SecretSealer sealer;

    public JdbcWebhookRepository(DbClient db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    @Override
    public void add(Webhook webhook) {
        db.execute()
                .createInsert("INSERT INTO webhooks (" + COLUMNS + ") VALUES (:webhookId, :workspaceId, :name,"
                        + " :agentId, :url, :secret, :previousSecret, :previousSecretExpiresAt, :events, :active,"
                        + " :createdAt, :updatedAt, :disabledReason, :disabledAt, :ordering)")
                .params(params(webhook))
                .execute();
    }

    @Override
    public boolean update(Webhook webhook) {
        return db.execute()
                        // Made active again, it starts with no run of failures behind it.
                        .createUpdate("UPDATE webhooks SET name = :name, agent_id = :agentId, url = :url,"
                                + " secret = :secret, previous_secret = :previousSecret,"
                                + " previous_secret_expires_at = :previousSecretExpiresAt, events = :events,"
                                + " failing_since = CASE WHEN :active AND NOT active THEN NULL ELSE failing_since END,"
                                + " active = :active, updated_at = :updatedAt,"
                                + " disabled_reason = :disabledReason, disabled_at = :disabledAt,"
                                + " ordering = :ordering"
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
                .map(this::toWebhook);
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
                .map(this::toWebhook)
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
                .map(this::toWebhook)
                .toList();
    }

    private Map<String, Object> params(Webhook webhook) {
        String id = webhook.id().value();
        Optional<PreviousSecret> previous = webhook.previousSecret();
        Map<String, Object> params = new HashMap<>();
        params.put("webhookId", id);
        params.put("workspaceId", webhook.workspaceId().value());
        params.put("name", webhook.name().value());
        params.put("agentId", webhook.agentId().value());
        params.put("url", webhook.url().value());
        params.put("secret", sealer.seal(webhook.secret().reveal(), id));
        params.put(
                "previousSecret",
                previous.map(old -> sealer.seal(old.secret().reveal(), previousContext(id)))
                        .orElse(null));
        params.put(
                "previousSecretExpiresAt",
                previous.map(old -> SqlTime.of(old.expiresAt())).orElse(null));
        params.put(
                "events",
                webhook.events().inOrder().stream().map(EventType::wireName).collect(Collectors.joining(",")));
        params.put("active", webhook.active());
        params.put("createdAt", SqlTime.of(webhook.createdAt()));
        params.put("updatedAt", SqlTime.of(webhook.updatedAt()));
        params.put(
                "disabledReason", webhook.disablement().map(Disablement::reason).orElse(null));
        params.put(
                "disabledAt",
                webhook.disablement().map(Disablement::at).map(SqlTime::of).orElse(null));
        params.put("ordering", webhook.ordering().wireName());
        return params;
    }

    private Webhook toWebhook(Row row) {
        String id = row.text("webhook_id");
        return Webhook.restore(
                new WebhookId(id),
                new WorkspaceId(row.text("workspace_id")),
                new WebhookName(row.text("name")),
                new AgentId(row.text("agent_id")),
                new WebhookUrl(row.text("url")),
                Secret.of(sealer.open(row.text("secret"), id)),
                previousSecret(sealer, row),
                events(row.text("events")),
                row.flag("active"),
                row.instant("created_at"),
                row.instant("updated_at"),
                row.optionalText("disabled_reason").map(reason -> new Disablement(reason, row.instant("disabled_at"))),
                row.named("ordering", Ordering::fromWireName, "ordering"));
    }

    /**
     * The previous secret of a webhook's row (or of a delivery's row joined to its webhook), opened. Both columns
     * come from {@code webhooks}: {@code previous_secret}, {@code previous_secret_expires_at}.
     */
    static Optional<PreviousSecret> previousSecret(SecretSealer sealer, Row row) {
        String id = row.text("webhook_id");
        return row.optionalText("previous_secret")
                .map(stored -> new PreviousSecret(
                        Secret.of(sealer.open(stored, previousContext(id))),
                        row.instant("previous_secret_expires_at")));
    }

    /** The associated data of a previous secret: not the webhook id alone, so the two cannot swap places. */
    static String previousContext(String webhookId) {
        return webhookId + "/previous";
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
