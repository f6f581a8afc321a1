package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.query.ListWebhooksQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Keeps each agent's active webhooks for a moment, so that fanning out a burst of one agent's events costs one
 * query instead of one per event (that query stood out in profiles of the bench). Every write through
 * this process drops its workspace's entries at once; a change made through another instance reaches this one's
 * fan-out within the time to live.
 */
public final class CachingWebhookRepository implements WebhookRepository {
    private record Key(WorkspaceId workspaceId, AgentId agentId) {}

    private record Entry(List<Webhook> webhooks, Instant expiresAt) {}

    private final WebhookRepository webhooks;
    private final Duration timeToLive;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on with every write, so that a look-up that raced a write does not keep what it read. */
    private final AtomicLong writes = new AtomicLong();

    public CachingWebhookRepository(WebhookRepository webhooks, Duration timeToLive, Clock clock) {
        this.webhooks = webhooks;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId) {
        Instant now = clock.instant();
        Key key = new Key(workspaceId, agentId);
        Entry entry = entries.get(key);
        if (entry != null && !entry.expiresAt().isBefore(now)) {
            return entry.webhooks();
        }
        long writesBefore = writes.get();
        List<Webhook> active = webhooks.activeFor(workspaceId, agentId);
        if (writes.get() == writesBefore) {
            entries.put(key, new Entry(active, now.plus(timeToLive)));
        }
        return active;
    }

    @Override
    public void add(Webhook webhook) {
        webhooks.add(webhook);
        forget(webhook.workspaceId());
    }

    @Override
    public boolean update(Webhook webhook) {
        boolean updated = webhooks.update(webhook);
        forget(webhook.workspaceId());
        return updated;
    }

    @Override
    public boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, Instant at) {
        boolean deactivated = webhooks.deactivate(workspaceId, webhookId, at);
        forget(workspaceId);
        return deactivated;
    }

    @Override
    public boolean remove(WorkspaceId workspaceId, WebhookId webhookId) {
        boolean removed = webhooks.remove(workspaceId, webhookId);
        forget(workspaceId);
        return removed;
    }

    @Override
    public Optional<Webhook> find(WorkspaceId workspaceId, WebhookId webhookId) {
        return webhooks.find(workspaceId, webhookId);
    }

    @Override
    public Page<Webhook> list(ListWebhooksQuery query) {
        return webhooks.list(query);
    }

    private void forget(WorkspaceId workspaceId) {
        writes.incrementAndGet();
        entries.keySet().removeIf(key -> key.workspaceId().equals(workspaceId));
    }
}
