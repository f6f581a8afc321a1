package org.agenthooks.adapters.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.agenthooks.application.port.out.DeliveryJob;
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
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Run by {@link H2CrashRecoveryTest} in a JVM of its own: appends events from a few threads until it is killed,
 * printing {@value #APPENDED} and the event's id once its append returned (when the service answers 202), while
 * another thread records attempts of their deliveries.
 */
final class AppendingUntilKilled {
    static final String APPENDED = "appended ";
    private static final int APPENDERS = 3;

    private AppendingUntilKilled() {}

    /** {@code args[0]}: the database URL. */
    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(new DatabaseSettings(args[0], "sa", "", 4));
        JdbcEventRepository events = new JdbcEventRepository(database);
        JdbcDeliveryRepository deliveries = new JdbcDeliveryRepository(database, TestDatabase.SEALER);
        Webhook webhook = givenWebhook(database);
        Thread.ofPlatform().daemon().name("recorder").start(() -> recordAttempts(deliveries));
        for (int i = 0; i < APPENDERS; i++) {
            Thread.ofPlatform().name("appender-" + i).start(() -> append(events, webhook));
        }
        Thread.currentThread().join();
    }

    private static Webhook givenWebhook(Database database) {
        Instant now = Timestamps.micros(Instant.now());
        WorkspaceId workspace = WorkspaceId.random();
        new JdbcWorkspaceRepository(database.client()).add(new Workspace(workspace, "Workspace", now));
        AgentId agent = AgentId.random();
        new JdbcAgentRepository(database.client()).add(new Agent(agent, workspace, "Agent", now));
        Webhook webhook = Webhook.restore(
                WebhookId.random(),
                workspace,
                new WebhookName("Hook"),
                agent,
                new WebhookUrl("https://example.com/hooks"),
                Secret.generate(),
                Subscriptions.of(EventType.subscribableTypes()),
                true,
                now,
                now);
        new JdbcWebhookRepository(database.client(), TestDatabase.SEALER).add(webhook);
        return webhook;
    }

    private static void append(JdbcEventRepository events, Webhook webhook) {
        while (true) {
            Instant now = Timestamps.micros(Instant.now());
            AgentEvent event = new AgentEvent(
                    EventId.random(),
                    webhook.workspaceId(),
                    webhook.agentId(),
                    EventType.CONVERSATION_STARTED,
                    Optional.empty(),
                    new EventData("{\"at\":\"" + now + "\"}"),
                    now);
            events.append(
                    new NewEvent(event, Optional.empty(), now, List.of(Delivery.of(event, webhook.id(), now)), now));
            System.out.println(APPENDED + event.id().value());
            System.out.flush();
        }
    }

    /** Half the attempts fail and are retried later: deliveries, attempts and their indexes change all the time. */
    private static void recordAttempts(JdbcDeliveryRepository deliveries) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            Instant now = Timestamps.micros(Instant.now());
            List<RecordedAttempt> attempts = deliveries.claimDue(now, now.plusSeconds(60), 20).stream()
                    .map(DeliveryJob::delivery)
                    .map(delivery -> attempt(delivery, random.nextBoolean() ? 200 : 503, now))
                    .toList();
            deliveries.recordAttempts(attempts);
            try {
                Thread.sleep(random.nextInt(1, 16));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static RecordedAttempt attempt(Delivery delivery, int statusCode, Instant at) {
        AttemptResult result = AttemptResult.answered(statusCode, Optional.empty(), Duration.ofMillis(40), "{}");
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, at, () -> 0);
        return new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), at, result));
    }
}
