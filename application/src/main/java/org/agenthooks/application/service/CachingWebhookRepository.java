package org.agenthooks.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.out.AgentRepository;
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
 * <p>
 * Bounded, so that events for made-up agent ids cannot grow the heap: only agents that exist are kept, at most
 * {@code maxAgents} of them, and entries leave once expired. Entries are kept in the order they were read, which
 * with one time to live is also the order they expire in: the oldest are the first to go, either way.
 */
public final class CachingWebhookRepository implements WebhookRepository {
    private record Key(WorkspaceId workspaceId, AgentId agentId) {}

    private record Entry(List<Webhook> webhooks, Instant expiresAt) {}

    private final WebhookRepository webhooks;
    private final AgentRepository agents;
    private final Duration timeToLive;
    private final int maxAgents;
    private final Clock clock;
    /** Oldest first; guarded by its own monitor. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
    /** Moves on with every write, so that a look-up that raced a write does not keep what it read; guarded as above. */
    private long writes;

    /** @param maxAgents how many agents' webhooks are kept at most */
    public CachingWebhookRepository(
            WebhookRepository webhooks, AgentRepository agents, Duration timeToLive, int maxAgents, Clock clock) {
        if (maxAgents < 1) {
            throw new IllegalArgumentException("maxAgents must be positive, was " + maxAgents);
        }
        this.webhooks = webhooks;
        this.agents = agents;
        this.timeToLive = timeToLive;
        this.maxAgents = maxAgents;
        this.clock = clock;
    }

    @Override
    public List<Webhook> activeFor(WorkspaceId workspaceId, AgentId agentId) {
        Instant now = clock.instant();
        Key key = new Key(workspaceId, agentId);
        long writesBefore;
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && !entry.expiresAt().isBefore(now)) {
                return entry.webhooks();
            }
            writesBefore = writes;
        }
        // The reads stay outside the lock: a slow database must not hold up the hits.
        List<Webhook> active = webhooks.activeFor(workspaceId, agentId);
        // A webhook names an existing agent; with none, the agent may not exist, and then it is not kept.
        if (active.isEmpty() && agents.find(workspaceId, agentId).isEmpty()) {
            return active;
        }
        synchronized (entries) {
            if (writes == writesBefore) {
                // Removed first, so that a refreshed entry moves to the newest end.
                entries.remove(key);
                removeExpired(now);
                while (entries.size() >= maxAgents) {
                    entries.pollFirstEntry();
                }
                entries.put(key, new Entry(active, now.plus(timeToLive)));
            }
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
    public boolean deactivate(WorkspaceId workspaceId, WebhookId webhookId, String reason, Instant at) {
        boolean deactivated = webhooks.deactivate(workspaceId, webhookId, reason, at);
        forget(workspaceId);
        return deactivated;
    }

    @Override
    public Optional<Instant> noteFailure(WorkspaceId workspaceId, WebhookId webhookId, Instant at) {
        return webhooks.noteFailure(workspaceId, webhookId, at);
    }

    @Override
    public void noteSuccess(WorkspaceId workspaceId, WebhookId webhookId) {
        webhooks.noteSuccess(workspaceId, webhookId);
    }

    @Override
    public boolean deactivateIfFailingSince(
            WorkspaceId workspaceId, WebhookId webhookId, Instant failingSince, String reason, Instant at) {
        boolean deactivated = webhooks.deactivateIfFailingSince(workspaceId, webhookId, failingSince, reason, at);
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

    /** How many agents' webhooks are kept now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Oldest first, so it stops at the first entry still fresh. */
    private void removeExpired(Instant now) {
        for (Iterator<Entry> oldestFirst = entries.values().iterator(); oldestFirst.hasNext(); ) {
            if (!oldestFirst.next().expiresAt().isBefore(now)) {
                return;
            }
            oldestFirst.remove();
        }
    }

    private void forget(WorkspaceId workspaceId) {
        synchronized (entries) {
            writes++;
            entries.keySet().removeIf(key -> key.workspaceId().equals(workspaceId));
        }
    }
}
