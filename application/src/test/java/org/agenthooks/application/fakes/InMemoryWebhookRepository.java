package org.agenthooks.application.fakes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** In-memory fake of {@link WebhookRepository}, kept honest by the repository contract test. */
public final class InMemoryWebhookRepository implements WebhookRepository {
    private static final Comparator<Webhook> NEWEST_FIRST = Comparator.comparing(Webhook::createdAt)
            .thenComparing(webhook -> webhook.id().value())
            .reversed();

    private final ConcurrentHashMap<WebhookId, Webhook> webhooks = new ConcurrentHashMap<>();
    /** When each failing webhook's run of failures began; kept beside the webhook, as the table's column is. */
    private final ConcurrentHashMap<WebhookId, Instant> failingSince = new ConcurrentHashMap<>();

    @Override
    public void add(Webhook webhook) {
        if (webhooks.putIfAbsent(webhook.id(), webhook) != null) {
            throw new IllegalStateException("duplicate webhook id " + webhook.id());
        }
    }

    @Override
    public boolean update(Webhook webhook) {
        return webhooks.computeIfPresent(webhook.id(), (id, old) -> {
                    if (!old.workspaceId().equals(webhook.workspaceId())) {
                        return old;
                    }
                    if (webhook.active() && !old.active()) {
                        failingSince.remove(id);
                    }
                    return webhook;
                })
                == webhook;
    }

    @Override
    public boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, String reason, Instant at) {
        return deactivateIf(workspaceId, webhookId, reason, at, null);
    }

    @Override
    public Optional<Instant> noteFailure(WorkspaceId workspaceId, WebhookId webhookId, Instant at) {
        if (find(workspaceId, webhookId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(failingSince.computeIfAbsent(webhookId, id -> at));
    }

    @Override
    public void noteSuccess(WorkspaceId workspaceId, WebhookId webhookId) {
        if (find(workspaceId, webhookId).isPresent()) {
            failingSince.remove(webhookId);
        }
    }

    @Override
    public boolean deactivateIfFailingSince(
            WorkspaceId workspaceId, WebhookId webhookId, Instant since, String reason, Instant at) {
        return deactivateIf(workspaceId, webhookId, reason, at, since);
    }

    private boolean deactivateIf(
            WorkspaceId workspaceId, WebhookId webhookId, String reason, Instant at, Instant requiredFailingSince) {
        AtomicBoolean deactivated = new AtomicBoolean();
        webhooks.computeIfPresent(webhookId, (id, old) -> {
            if (!old.workspaceId().equals(workspaceId)
                    || !old.active()
                    || requiredFailingSince != null && !requiredFailingSince.equals(failingSince.get(id))) {
                return old;
            }
            deactivated.set(true);
            return old.disable(reason, at);
        });
        return deactivated.get();
    }

    @Override
    public Optional<Webhook> find(WorkspaceId workspaceId, WebhookId webhookId) {
        return Optional.ofNullable(webhooks.get(webhookId))
                .filter(webhook -> webhook.workspaceId().equals(workspaceId));
    }

    @Override
    public boolean remove(WorkspaceId workspaceId, WebhookId webhookId) {
        return find(workspaceId, webhookId)
                .map(webhook -> {
                    failingSince.remove(webhookId);
                    return webhooks.remove(webhookId, webhook);
                })
                .orElse(false);
    }

    @Override
    public Page<Webhook> list(ListWebhooksQuery query) {
        List<Webhook> matching = webhooks.values().stream()
                .filter(webhook -> webhook.workspaceId().equals(query.workspaceId()))
                .filter(webhook ->
                        query.agentId().map(webhook.agentId()::equals).orElse(true))
                .filter(webhook ->
                        query.active().map(active -> webhook.active() == active).orElse(true))
                .filter(webhook -> query.event().map(webhook::listensTo).orElse(true))
                .filter(webhook ->
                        query.after().map(cursor -> isAfter(webhook, cursor)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit().value() + 1L)
                .toList();
        return Page.of(
                matching,
                query.limit(),
                webhook -> new PageCursor(webhook.createdAt(), webhook.id().value()));
    }

    @Override
    public List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId) {
        return webhooks.values().stream()
                .filter(webhook -> webhook.workspaceId().equals(workspaceId)
                        && webhook.agentId().equals(agentId))
                .filter(Webhook::active)
                .toList();
    }

    private static boolean isAfter(Webhook webhook, PageCursor cursor) {
        int byTime = webhook.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && webhook.id().value().compareTo(cursor.id()) < 0);
    }
}
