package org.agenthooks.application.port.out.contract;

import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Ordering;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;

/**
 * What {@link EventRepositoryContract} and {@link DeliveryRepositoryContract} share: the two ports over one store
 * (deliveries come to be by appending events), the repositories to add what events refer to, a workspace with three
 * webhooks (one paused) and another workspace with one, and helpers to append events and make attempts.
 */
abstract class EventAndDeliveryFixture {
    /*
     * Claims are not scoped to a workspace, and a store may be shared by the tests of a class. So each test lives
     * a day before the test that ran before it (and claims at most a day after its own start): deliveries that
     * earlier tests left behind are never due in a later one.
     */
    private static final Instant LATEST = Instant.parse("2031-06-01T12:00:00.123456Z");
    private static final AtomicInteger TESTS_RUN = new AtomicInteger();
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration MICROSECOND = Duration.ofNanos(1_000);

    Repositories repositories;
    EventRepository events;
    DeliveryRepository deliveries;
    Instant t0;
    WorkspaceId workspace;
    Webhook first;
    Webhook second;
    Webhook paused;
    WorkspaceId otherWorkspace;
    Webhook elsewhere;

    /** Fresh repositories, or ones over a store that other tests of the class may have written to. */
    protected abstract EventAndDeliveryRepositories ports();

    @BeforeEach
    void setUp() {
        EventAndDeliveryRepositories ports = ports();
        repositories = ports.repositories();
        events = ports.events();
        deliveries = ports.deliveries();
        t0 = LATEST.minus(Duration.ofDays(TESTS_RUN.incrementAndGet()));
        workspace = givenWorkspace();
        AgentId agent = givenAgent(workspace);
        first = givenWebhook(workspace, agent, true, "https://first.example/hooks");
        second = givenWebhook(workspace, agent, true, "https://second.example/hooks?source=agent&x=1");
        paused = givenWebhook(workspace, agent, false, "https://paused.example/hooks");
        otherWorkspace = givenWorkspace();
        elsewhere = givenWebhook(otherWorkspace, givenAgent(otherWorkspace), true, "https://elsewhere.example/h");
    }

    WorkspaceId givenWorkspace() {
        WorkspaceId id = WorkspaceId.random();
        repositories.workspaces().add(new Workspace(id, "Workspace " + id, t0));
        return id;
    }

    AgentId givenAgent(WorkspaceId workspaceId) {
        AgentId id = AgentId.random();
        repositories.agents().add(new Agent(id, workspaceId, "Agent " + id, t0));
        return id;
    }

    Webhook givenWebhook(WorkspaceId workspaceId, AgentId agentId, boolean active, String url) {
        Webhook webhook = Webhook.restore(
                WebhookId.random(),
                workspaceId,
                new WebhookName("Hook " + url),
                agentId,
                new WebhookUrl(url),
                Secret.generate(),
                Subscriptions.of(EventType.subscribableTypes()),
                active,
                t0,
                t0);
        repositories.webhooks().add(webhook);
        return webhook;
    }

    /** An active webhook that takes each event as soon as it can, in no conversation's order. */
    Webhook givenUnorderedWebhook(WorkspaceId workspaceId, AgentId agentId, String url) {
        Webhook webhook = Webhook.restore(
                WebhookId.random(),
                workspaceId,
                new WebhookName("Hook " + url),
                agentId,
                new WebhookUrl(url),
                Secret.generate(),
                Optional.empty(),
                Subscriptions.of(EventType.subscribableTypes()),
                true,
                t0,
                t0,
                Optional.empty(),
                Ordering.NONE);
        repositories.webhooks().add(webhook);
        return webhook;
    }

    static AgentEvent eventFor(Webhook webhook, Instant at) {
        return new AgentEvent(
                EventId.random(),
                webhook.workspaceId(),
                webhook.agentId(),
                CONVERSATION_STARTED,
                // Of no conversation, so neither numbered nor ever held: the tests of order make their own.
                Optional.empty(),
                new EventData("{\"at\":\"" + at + "\"}"),
                at);
    }

    static NewEvent unkeyed(AgentEvent event, Instant leasedUntil, Webhook... to) {
        return new NewEvent(event, Optional.empty(), event.occurredAt(), deliveriesOf(event, to), leasedUntil);
    }

    static List<Delivery> deliveriesOf(AgentEvent event, Webhook... to) {
        return Arrays.stream(to)
                .map(webhook -> Delivery.of(event, webhook.id(), event.occurredAt()))
                .toList();
    }

    /** Appends an event at {@code at} with deliveries that stay leased for longer than any test runs. */
    List<Delivery> appendLeased(Instant at, Webhook... to) {
        NewEvent append = unkeyed(eventFor(to[0], at), at.plus(Duration.ofDays(365)), to);
        events.append(append);
        return append.deliveries();
    }

    /** The next attempt of {@code delivery}, made at {@code at}, and the state it leads to (retries without jitter). */
    static RecordedAttempt attempt(Delivery delivery, AttemptResult result, Instant at) {
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, at, () -> 0);
        return new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), at, result));
    }

    static AttemptResult ok() {
        return AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(40), "{\"received\":true}");
    }

    /** Runs the tasks on {@code threads} platform threads; their results in task order. */
    static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        }
    }
}
