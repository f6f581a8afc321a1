package org.agenthooks.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * A registered webhook: where one agent's events go, which of them, and the secret they are signed with.
 * Immutable; every change returns the changed webhook with {@code updatedAt} moved on. A rotation with a grace
 * period keeps the replaced secret as {@link PreviousSecret} until then; any other change of secret drops it.
 * One the service turned off by itself carries its {@link Disablement} until it is resumed.
 */
public final class Webhook {
    private final WebhookId id;
    private final WorkspaceId workspaceId;
    private final WebhookName name;
    private final AgentId agentId;
    private final WebhookUrl url;
    private final Secret secret;
    private final PreviousSecret previousSecret; // null: none
    private final Subscriptions events;
    private final boolean active;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Disablement disablement;
    private final Ordering ordering;

    private Webhook(
            WebhookId id,
            WorkspaceId workspaceId,
            WebhookName name,
            AgentId agentId,
            WebhookUrl url,
            Secret secret,
            PreviousSecret previousSecret,
            Subscriptions events,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            Disablement disablement,
            Ordering ordering) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.name = Objects.requireNonNull(name, "name");
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.previousSecret = previousSecret;
        this.events = Objects.requireNonNull(events, "events");
        this.active = active;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        if (active && disablement != null) {
            throw new IllegalArgumentException("an active webhook cannot be disabled");
        }
        this.disablement = disablement;
        this.ordering = Objects.requireNonNull(ordering, "ordering");
    }

    /** A new webhook, with a fresh id. */
    public static Webhook register(WorkspaceId workspaceId, WebhookDefinition definition, Instant now) {
        return new Webhook(
                WebhookId.random(),
                workspaceId,
                definition.name(),
                definition.agentId(),
                definition.url(),
                definition.secret(),
                null,
                definition.events(),
                definition.active(),
                now,
                now,
                null,
                definition.ordering());
    }

    /** A webhook as it was stored, with no previous secret, not disabled by the service. */
    public static Webhook restore(
            WebhookId id,
            WorkspaceId workspaceId,
            WebhookName name,
            AgentId agentId,
            WebhookUrl url,
            Secret secret,
            Subscriptions events,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {
        return restore(
                id,
                workspaceId,
                name,
                agentId,
                url,
                secret,
                Optional.empty(),
                events,
                active,
                createdAt,
                updatedAt,
                Optional.empty());
    }

    /**
     * A webhook as it was stored: in a rotation's overlap if {@code previousSecret} is present, turned off by the
     * service if {@code disablement} is.
     */
    public static Webhook restore(
            WebhookId id,
            WorkspaceId workspaceId,
            WebhookName name,
            AgentId agentId,
            WebhookUrl url,
            Secret secret,
            Optional<PreviousSecret> previousSecret,
            Subscriptions events,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            Optional<Disablement> disablement) {
        return restore(
                id,
                workspaceId,
                name,
                agentId,
                url,
                secret,
                previousSecret,
                events,
                active,
                createdAt,
                updatedAt,
                disablement,
                Ordering.CONVERSATION);
    }

    /** A webhook as it was stored, with how it orders each conversation's events. */
    public static Webhook restore(
            WebhookId id,
            WorkspaceId workspaceId,
            WebhookName name,
            AgentId agentId,
            WebhookUrl url,
            Secret secret,
            Optional<PreviousSecret> previousSecret,
            Subscriptions events,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            Optional<Disablement> disablement,
            Ordering ordering) {
        return new Webhook(
                id,
                workspaceId,
                name,
                agentId,
                url,
                secret,
                previousSecret.orElse(null),
                events,
                active,
                createdAt,
                updatedAt,
                disablement.orElse(null),
                ordering);
    }

    public boolean listensTo(EventType type) {
        return events.includes(type);
    }

    /** Whether an event of this agent and type is to be delivered here now. */
    public boolean wants(AgentId source, EventType type) {
        return active && agentId.equals(source) && listensTo(type);
    }

    /** Paused by its owner; a webhook the service disabled stays paused with its reason. */
    public Webhook pause(Instant now) {
        return with(name, agentId, url, secret, events, false, now);
    }

    /** Active again; whatever made the service disable it is forgotten. */
    public Webhook resume(Instant now) {
        return with(name, agentId, url, secret, events, true, now);
    }

    /** Turned off by the service itself, saying why. */
    public Webhook disable(String reason, Instant now) {
        return new Webhook(
                id,
                workspaceId,
                name,
                agentId,
                url,
                secret,
                previousSecret,
                events,
                false,
                createdAt,
                now,
                new Disablement(reason, now),
                ordering);
    }

    public Webhook rename(WebhookName newName, Instant now) {
        return with(newName, agentId, url, secret, events, active, now);
    }

    public Webhook moveTo(WebhookUrl newUrl, Instant now) {
        return with(name, agentId, newUrl, secret, events, active, now);
    }

    public Webhook reassignTo(AgentId newAgent, Instant now) {
        return with(name, newAgent, url, secret, events, active, now);
    }

    public Webhook subscribeTo(Subscriptions newEvents, Instant now) {
        return with(name, agentId, url, secret, newEvents, active, now);
    }

    /** Switches to {@code newSecret} at once: the old secret stops signing, and so does any previous one. */
    public Webhook replaceSecret(Secret newSecret, Instant now) {
        return with(name, agentId, url, newSecret, events, active, now);
    }

    /**
     * Switches to {@code newSecret}, the current secret signing too for {@code grace} more (none if zero). Only the
     * newest previous secret is kept: one still in its overlap from an earlier rotation is dropped.
     */
    public Webhook rotateSecret(Secret newSecret, Duration grace, Instant now) {
        PreviousSecret previous = grace.isPositive() ? new PreviousSecret(secret, now.plus(grace)) : null;
        return new Webhook(
                id,
                workspaceId,
                name,
                agentId,
                url,
                newSecret,
                previous,
                events,
                active,
                createdAt,
                now,
                disablement,
                ordering);
    }

    /** Replaces the whole definition at once (PUT). */
    public Webhook redefine(WebhookDefinition definition, Instant now) {
        return with(
                        definition.name(),
                        definition.agentId(),
                        definition.url(),
                        definition.secret(),
                        definition.events(),
                        definition.active(),
                        now)
                .orderBy(definition.ordering(), now);
    }

    /** Delivers each conversation's events in ingest order, or not. */
    public Webhook orderBy(Ordering newOrdering, Instant now) {
        return new Webhook(
                id,
                workspaceId,
                name,
                agentId,
                url,
                secret,
                previousSecret,
                events,
                active,
                createdAt,
                now,
                disablement,
                newOrdering);
    }

    private Webhook with(
            WebhookName newName,
            AgentId newAgent,
            WebhookUrl newUrl,
            Secret newSecret,
            Subscriptions newEvents,
            boolean newActive,
            Instant now) {
        PreviousSecret keptPrevious = newSecret.equals(secret) ? previousSecret : null;
        return new Webhook(
                id,
                workspaceId,
                newName,
                newAgent,
                newUrl,
                newSecret,
                keptPrevious,
                newEvents,
                newActive,
                createdAt,
                now,
                newActive ? null : disablement,
                ordering);
    }

    public WebhookId id() {
        return id;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public WebhookName name() {
        return name;
    }

    public AgentId agentId() {
        return agentId;
    }

    public WebhookUrl url() {
        return url;
    }

    public Secret secret() {
        return secret;
    }

    /** The secret a rotation replaced, as long as it is kept (it may have expired since). */
    public Optional<PreviousSecret> previousSecret() {
        return Optional.ofNullable(previousSecret);
    }

    /** Everything this webhook's payloads are signed with. */
    public SigningSecrets signingSecrets() {
        return new SigningSecrets(secret, previousSecret());
    }

    public Subscriptions events() {
        return events;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Why and when the service turned this webhook off, if it did and it has not been resumed since. */
    public Optional<Disablement> disablement() {
        return Optional.ofNullable(disablement);
    }

    /** How this webhook orders the events of one conversation. */
    public Ordering ordering() {
        return ordering;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Webhook that
                && id.equals(that.id)
                && workspaceId.equals(that.workspaceId)
                && name.equals(that.name)
                && agentId.equals(that.agentId)
                && url.equals(that.url)
                && secret.equals(that.secret)
                && Objects.equals(previousSecret, that.previousSecret)
                && events.equals(that.events)
                && active == that.active
                && createdAt.equals(that.createdAt)
                && updatedAt.equals(that.updatedAt)
                && Objects.equals(disablement, that.disablement)
                && ordering == that.ordering;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Webhook[" + id + ", " + name + ", agent " + agentId + ", " + url + ", " + events.inOrder()
                + (active ? ", active" : disablement != null ? ", disabled: " + disablement.reason() : ", paused")
                + "]";
    }
}
