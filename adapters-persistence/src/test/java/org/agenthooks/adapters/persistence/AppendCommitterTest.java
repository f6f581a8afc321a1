package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenthooks.application.fakes.RecordingEngineMetrics;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.contract.Repositories;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.Webhook;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group commit of appends, and the races for one idempotency key that it and {@link IdempotencyKeys} settle, which
 * the event repository contract cannot see: on H2 and on PostgreSQL.
 */
class AppendCommitterTest {
    @Nested
    class OnH2 extends Cases {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        TestDatabase database() {
            return DATABASE;
        }
    }

    @Nested
    class OnPostgreSql extends Cases {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        TestDatabase database() {
            return DATABASE;
        }
    }

    abstract static class Cases {
        private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

        private JdbcEventRepository events;
        private JdbcEventRepository otherProcess;
        private WorkspaceId workspace;
        private Webhook webhook;

        abstract TestDatabase database();

        @BeforeEach
        void setUp() {
            events = database().events();
            Repositories repositories = database().repositories();
            workspace = WorkspaceId.random();
            repositories.workspaces().add(new Workspace(workspace, "Workspace", T0));
            AgentId agent = AgentId.random();
            repositories.agents().add(new Agent(agent, workspace, "Agent", T0));
            webhook = Webhook.restore(
                    WebhookId.random(),
                    workspace,
                    new WebhookName("Hook"),
                    agent,
                    new WebhookUrl("https://example.com/hooks"),
                    Secret.generate(),
                    Subscriptions.of(EventType.subscribableTypes()),
                    true,
                    T0,
                    T0);
            repositories.webhooks().add(webhook);
            otherProcess = new JdbcEventRepository(database().database());
        }

        @AfterEach
        void tearDown() {
            otherProcess.close();
        }

        @Test
        void appends_from_many_threads_share_transactions() throws Exception {
            List<NewEvent> appends = new ArrayList<>();
            for (int i = 0; i < 640; i++) {
                appends.add(append(Optional.empty(), webhook.id()));
            }
            long before = events.appendTransactions();

            List<AppendResult> results = concurrently(
                    32,
                    appends.stream()
                            .map(append -> (Callable<AppendResult>) () -> events.append(append))
                            .toList());

            assertThat(results).extracting(AppendResult::repeat).containsOnly(false);
            assertThat(events.appendTransactions() - before).isLessThan(appends.size());
            assertThat(appends)
                    .allSatisfy(append -> assertThat(
                                    events.find(workspace, append.event().id()))
                            .contains(append.event()));
        }

        @Test
        void each_commit_reports_how_many_appends_it_held_and_together_they_are_every_append() throws Exception {
            RecordingEngineMetrics metrics = new RecordingEngineMetrics();
            List<NewEvent> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(append(Optional.empty(), webhook.id()));
            }
            try (JdbcEventRepository reporting =
                    new JdbcEventRepository(database().database(), metrics)) {
                concurrently(
                        16,
                        appends.stream()
                                .map(append -> (Callable<AppendResult>) () -> reporting.append(append))
                                .toList());

                assertThat(metrics.groupCommits()).hasSize((int) reporting.appendTransactions());
            }
            assertThat(metrics.groupCommits().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(appends.size());
            assertThat(metrics.groupCommits())
                    .anySatisfy(size -> assertThat(size).isGreaterThan(1));
        }

        @Test
        void an_append_that_fails_fails_alone_and_the_rest_of_its_batch_is_stored() throws Exception {
            CyclicBarrier start = new CyclicBarrier(16);
            NewEvent earlier = append(Optional.empty(), webhook.id());
            events.append(earlier);
            List<NewEvent> appends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                // One delivery with the id of a stored one: the primary key refuses it.
                appends.add(
                        i == 7
                                ? withDeliveryId(
                                        append(Optional.empty(), webhook.id()),
                                        earlier.deliveries().getFirst().id())
                                : append(Optional.empty(), webhook.id()));
            }

            List<Optional<Throwable>> outcomes = concurrently(
                    16,
                    appends.stream()
                            .map(append -> (Callable<Optional<Throwable>>) () -> {
                                start.await();
                                try {
                                    events.append(append);
                                    return Optional.empty();
                                } catch (RuntimeException e) {
                                    return Optional.of(e);
                                }
                            })
                            .toList());

            for (int i = 0; i < appends.size(); i++) {
                boolean stored =
                        events.find(workspace, appends.get(i).event().id()).isPresent();
                assertThat(outcomes.get(i).isPresent())
                        .as("append %d failed", i)
                        .isEqualTo(i == 7);
                assertThat(stored).as("append %d stored", i).isEqualTo(i != 7);
            }
        }

        @Test
        void a_list_that_fails_in_a_shared_transaction_fails_whole_and_the_other_callers_are_stored() throws Exception {
            NewEvent earlier = append(Optional.empty(), webhook.id());
            events.append(earlier);
            List<List<NewEvent>> lists = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<NewEvent> list = new ArrayList<>();
                for (int j = 0; j < 5; j++) {
                    // In list 3, one delivery with the id of a stored one: the primary key refuses it.
                    list.add(
                            i == 3 && j == 2
                                    ? withDeliveryId(
                                            append(Optional.empty(), webhook.id()),
                                            earlier.deliveries().getFirst().id())
                                    : append(Optional.empty(), webhook.id()));
                }
                lists.add(list);
            }
            CyclicBarrier start = new CyclicBarrier(8);

            List<Optional<Throwable>> outcomes = concurrently(
                    8,
                    lists.stream()
                            .map(list -> (Callable<Optional<Throwable>>) () -> {
                                start.await();
                                try {
                                    assertThat(events.appendAll(list)).hasSize(5);
                                    return Optional.empty();
                                } catch (RuntimeException e) {
                                    return Optional.of(e);
                                }
                            })
                            .toList());

            for (int i = 0; i < lists.size(); i++) {
                assertThat(outcomes.get(i).isPresent()).as("list %d failed", i).isEqualTo(i == 3);
                for (NewEvent append : lists.get(i)) {
                    assertThat(events.find(workspace, append.event().id()).isPresent())
                            .as("an event of list %d stored", i)
                            .isEqualTo(i != 3);
                }
            }
        }

        @Test
        void a_list_longer_than_a_group_commit_is_committed_whole_in_one_transaction() {
            List<NewEvent> list = new ArrayList<>();
            for (int i = 0; i < AppendCommitter.MAX_BATCH + 50; i++) {
                list.add(append(Optional.empty(), webhook.id()));
            }
            long before = events.appendTransactions();

            List<AppendResult> results = events.appendAll(list);

            assertThat(events.appendTransactions() - before).isEqualTo(1);
            assertThat(results)
                    .extracting(AppendResult::eventId)
                    .containsExactlyElementsOf(
                            list.stream().map(append -> append.event().id()).toList());
            assertThat(list)
                    .allSatisfy(append -> assertThat(
                                    events.find(workspace, append.event().id()))
                            .contains(append.event()));
        }

        @Test
        void one_key_appended_together_in_a_batch_stores_one_event_without_falling_back() throws Exception {
            CyclicBarrier start = new CyclicBarrier(16);
            IdempotencyKey key = new IdempotencyKey("batched");
            List<NewEvent> appends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                appends.add(append(Optional.of(key), webhook.id()));
            }
            long before = events.appendTransactions();

            List<AppendResult> results = concurrently(
                    16,
                    appends.stream()
                            .map(append -> (Callable<AppendResult>) () -> {
                                start.await();
                                return events.append(append);
                            })
                            .toList());

            assertThat(results.stream().filter(result -> !result.repeat())).hasSize(1);
            assertThat(results)
                    .extracting(AppendResult::eventId)
                    .containsOnly(results.getFirst().eventId());
            // Falling back would commit each of the 16 on its own.
            assertThat(events.appendTransactions() - before).isLessThan(16);
        }

        @Test
        void two_processes_racing_for_a_new_key_store_one_event() throws Exception {
            for (int round = 0; round < 20; round++) {
                assertOneEventStoredWhenTwoProcessesRace(new IdempotencyKey("new-" + round), Optional.empty());
            }
        }

        @Test
        void two_processes_racing_to_renew_an_expired_key_store_one_event() throws Exception {
            for (int round = 0; round < 20; round++) {
                IdempotencyKey key = new IdempotencyKey("expired-" + round);
                NewEvent expired = append(Optional.of(key), webhook.id(), T0.minus(Duration.ofDays(2)));
                events.append(expired);

                assertOneEventStoredWhenTwoProcessesRace(
                        key, Optional.of(expired.event().id()));
            }
        }

        @Test
        void a_closed_event_repository_has_committed_what_it_took_and_refuses_more() {
            NewEvent taken = append(Optional.empty(), webhook.id());
            JdbcEventRepository closing = new JdbcEventRepository(database().database());
            closing.append(taken);

            closing.close();

            assertThat(events.find(workspace, taken.event().id())).contains(taken.event());
            assertThatThrownBy(() -> closing.append(append(Optional.empty(), webhook.id())))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void an_event_timed_finer_than_a_microsecond_is_refused_before_it_is_queued() {
            NewEvent valid = append(Optional.empty(), webhook.id());
            AgentEvent precise = valid.event();
            AgentEvent tooPrecise = new AgentEvent(
                    precise.id(),
                    precise.workspaceId(),
                    precise.agentId(),
                    precise.type(),
                    precise.conversationId(),
                    precise.data(),
                    precise.occurredAt().plusNanos(1));
            long before = events.appendTransactions();

            assertThatThrownBy(() -> events.append(new NewEvent(
                            tooPrecise,
                            valid.idempotencyKey(),
                            valid.keyNotBefore(),
                            valid.deliveries(),
                            valid.leasedUntil())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("microseconds");
            assertThat(events.appendTransactions()).isEqualTo(before);
            assertThat(events.find(workspace, precise.id())).isEmpty();
        }

        /**
         * Two event repositories over one database are two service instances, each with its own committer. One
         * append each, at once: each commits alone, and the one that loses the race for the key must find the
         * winner's.
         */
        private void assertOneEventStoredWhenTwoProcessesRace(IdempotencyKey key, Optional<EventId> expired)
                throws Exception {
            CyclicBarrier start = new CyclicBarrier(2);
            NewEvent ours = append(Optional.of(key), webhook.id());
            NewEvent theirs = append(Optional.of(key), webhook.id());

            List<AppendResult> results = concurrently(
                    2,
                    List.of(
                            () -> {
                                start.await();
                                return events.append(ours);
                            },
                            () -> {
                                start.await();
                                return otherProcess.append(theirs);
                            }));

            List<AppendResult> stored =
                    results.stream().filter(result -> !result.repeat()).toList();
            assertThat(stored).hasSize(1);
            EventId winner = stored.getFirst().eventId();
            assertThat(results).extracting(AppendResult::eventId).containsOnly(winner);
            assertThat(Optional.of(winner)).isNotEqualTo(expired);
            assertThat(events.find(workspace, ours.event().id()).isPresent())
                    .isEqualTo(winner.equals(ours.event().id()));
            assertThat(events.find(workspace, theirs.event().id()).isPresent())
                    .isEqualTo(winner.equals(theirs.event().id()));
        }

        private NewEvent append(Optional<IdempotencyKey> key, WebhookId to) {
            return append(key, to, T0);
        }

        /** An event at {@code at} whose key, if any, is good for a day. */
        private NewEvent append(Optional<IdempotencyKey> key, WebhookId to, Instant at) {
            AgentEvent event = new AgentEvent(
                    EventId.random(),
                    workspace,
                    webhook.agentId(),
                    EventType.CONVERSATION_STARTED,
                    Optional.empty(),
                    new EventData("{\"n\":1}"),
                    at);
            return new NewEvent(
                    event, key, at.minus(Duration.ofDays(1)), List.of(Delivery.of(event, to, at)), at.plusSeconds(60));
        }

        private static NewEvent withDeliveryId(NewEvent append, DeliveryId id) {
            Delivery d = append.deliveries().getFirst();
            Delivery clashing = new Delivery(
                    id,
                    d.workspaceId(),
                    d.webhookId(),
                    d.eventId(),
                    d.eventType(),
                    d.status(),
                    d.attempts(),
                    d.lastStatusCode(),
                    d.nextAttemptAt(),
                    d.createdAt(),
                    d.updatedAt());
            return new NewEvent(
                    append.event(),
                    append.idempotencyKey(),
                    append.keyNotBefore(),
                    List.of(clashing),
                    append.leasedUntil());
        }

        private static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<T> results = new ArrayList<>();
                for (Future<T> future : pool.invokeAll(tasks)) {
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
}
