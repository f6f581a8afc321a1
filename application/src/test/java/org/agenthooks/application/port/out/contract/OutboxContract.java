package org.agenthooks.application.port.out.contract;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.agenthooks.domain.event.EventType.WEBHOOK_TEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the outbox ports, {@link EventRepository} and {@link DeliveryRepository}, does;
 * subclass it once per implementation.
 */
public abstract class OutboxContract {
    /*
     * Claims are not scoped to a workspace, and a store may be shared by the tests of a class. So each test lives
     * a day before the test that ran before it (and claims at most a day after its own start): deliveries that
     * earlier tests left behind are never due in a later one.
     */
    private static final Instant LATEST = Instant.parse("2031-06-01T12:00:00.123456Z");
    private static final AtomicInteger TESTS_RUN = new AtomicInteger();
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);
    private static final Comparator<Delivery> NEWEST_FIRST = Comparator.comparing(Delivery::createdAt)
            .thenComparing(delivery -> delivery.id().value()).reversed();

    private Repositories repositories;
    private EventRepository events;
    private DeliveryRepository deliveries;
    private Instant t0;
    private WorkspaceId workspace;
    private Webhook first;
    private Webhook second;
    private Webhook paused;
    private WorkspaceId otherWorkspace;
    private Webhook elsewhere;

    /** Fresh ports, or ones over a store that other tests of the class may have written to. */
    protected abstract OutboxPorts outbox();

    @BeforeEach
    void setUp() {
        OutboxPorts ports = outbox();
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

    @Test
    void an_appended_event_is_found_exactly_as_it_was() {
        AgentEvent full = new AgentEvent(EventId.random(), workspace, first.agentId(), CONVERSATION_ENDED,
                Optional.of(new ConversationId("call-7:a.b_c")),
                new EventData("{\"text\":\"Ünïcode 🚀 \\\"quoted\\\"\\n\",\"n\":[1,2.5,null,true],\"o\":{}}"), t0);
        AgentEvent bare = new AgentEvent(EventId.random(), workspace, first.agentId(), WEBHOOK_TEST,
                Optional.empty(), new EventData("{}"), t0.plus(MICROSECOND));

        events.append(unkeyed(full, t0));
        events.append(unkeyed(bare, t0));

        assertThat(events.find(workspace, full.id())).contains(full);
        assertThat(events.find(workspace, bare.id())).contains(bare);
    }

    @Test
    void an_event_is_not_found_in_another_workspace_nor_by_an_unknown_id() {
        AgentEvent event = eventFor(first, t0);
        events.append(unkeyed(event, t0, first));

        assertThat(events.find(otherWorkspace, event.id())).isEmpty();
        assertThat(events.find(workspace, EventId.random())).isEmpty();
    }

    @Test
    void an_append_stores_one_delivery_per_webhook_and_reports_them() {
        AgentEvent event = eventFor(first, t0);
        NewEvent append = unkeyed(event, t0, first, second);

        AppendResult result = events.append(append);

        assertThat(result).isEqualTo(new AppendResult(event.id(), 2, false));
        assertThat(deliveries.forEvent(workspace, event.id())).containsExactlyElementsOf(inIdOrder(append.deliveries()));
        assertThat(deliveries.find(workspace, append.deliveries().getFirst().id()))
                .contains(append.deliveries().getFirst());
        assertThat(deliveries.forEvent(otherWorkspace, event.id())).isEmpty();
        assertThat(deliveries.find(otherWorkspace, append.deliveries().getFirst().id())).isEmpty();
    }

    @Test
    void an_event_that_no_webhook_wants_is_stored_all_the_same() {
        AgentEvent event = eventFor(first, t0);

        assertThat(events.append(unkeyed(event, t0))).isEqualTo(new AppendResult(event.id(), 0, false));
        assertThat(events.find(workspace, event.id())).contains(event);
        assertThat(deliveries.forEvent(workspace, event.id())).isEmpty();
    }

    @Test
    void a_key_used_again_within_its_window_names_the_first_event_and_stores_nothing() {
        AgentEvent original = eventFor(first, t0);
        AgentEvent again = eventFor(first, t0.plusSeconds(5));
        events.append(keyed(original, "order-42", t0.minusSeconds(60), first, second));

        // The window starts exactly when the key was first used: that is still within it.
        AppendResult result = events.append(keyed(again, "order-42", t0, first));

        assertThat(result).isEqualTo(new AppendResult(original.id(), 2, true));
        assertThat(events.find(workspace, again.id())).isEmpty();
        assertThat(deliveries.forEvent(workspace, again.id())).isEmpty();
        assertThat(deliveries.forEvent(workspace, original.id())).hasSize(2);
    }

    @Test
    void a_key_older_than_its_window_is_used_afresh_and_then_names_the_new_event() {
        AgentEvent original = eventFor(first, t0);
        AgentEvent afterWindow = eventFor(first, t0.plusSeconds(10));
        AgentEvent again = eventFor(first, t0.plusSeconds(20));
        events.append(keyed(original, "order-42", t0.minusSeconds(60), first, second));

        AppendResult fresh = events.append(keyed(afterWindow, "order-42", t0.plus(MICROSECOND), first));
        AppendResult repeat = events.append(keyed(again, "order-42", t0.plus(MICROSECOND), first, second));

        assertThat(fresh).isEqualTo(new AppendResult(afterWindow.id(), 1, false));
        assertThat(repeat).isEqualTo(new AppendResult(afterWindow.id(), 1, true));
        assertThat(events.find(workspace, original.id())).isPresent();
        assertThat(events.find(workspace, afterWindow.id())).isPresent();
        assertThat(events.find(workspace, again.id())).isEmpty();
    }

    @Test
    void another_workspace_may_use_the_same_key() {
        AgentEvent ours = eventFor(first, t0);
        AgentEvent theirs = eventFor(elsewhere, t0);
        events.append(keyed(ours, "order-42", t0.minusSeconds(60), first));

        AppendResult result = events.append(keyed(theirs, "order-42", t0.minusSeconds(60), elsewhere));

        assertThat(result).isEqualTo(new AppendResult(theirs.id(), 1, false));
        assertThat(events.find(otherWorkspace, theirs.id())).isPresent();
    }

    @Test
    void appends_from_sixteen_threads_are_all_stored() throws Exception {
        List<NewEvent> appends = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            AgentEvent event = eventFor(first, t0.plus(MICROSECOND.multipliedBy(i)));
            appends.add(i % 2 == 0 ? unkeyed(event, t0, first)
                    : keyed(event, "key-" + i, t0.minusSeconds(60), first));
        }

        List<AppendResult> results = concurrently(16, appends.stream()
                .map(append -> (Callable<AppendResult>) () -> events.append(append)).toList());

        for (int i = 0; i < appends.size(); i++) {
            AgentEvent event = appends.get(i).event();
            assertThat(results.get(i)).isEqualTo(new AppendResult(event.id(), 1, false));
            assertThat(events.find(workspace, event.id())).contains(event);
            assertThat(deliveries.forEvent(workspace, event.id())).isEqualTo(appends.get(i).deliveries());
        }
    }

    @Test
    void appends_racing_with_one_key_store_one_event() throws Exception {
        CyclicBarrier start = new CyclicBarrier(16);
        List<NewEvent> appends = IntStream.range(0, 16)
                .mapToObj(i -> keyed(eventFor(first, t0.plus(MICROSECOND.multipliedBy(i))), "raced",
                        t0.minusSeconds(60), first))
                .toList();

        List<AppendResult> results = concurrently(16, appends.stream().map(append -> (Callable<AppendResult>) () -> {
            start.await();
            return events.append(append);
        }).toList());

        List<AppendResult> stored = results.stream().filter(result -> !result.repeat()).toList();
        assertThat(stored).hasSize(1);
        EventId winner = stored.getFirst().eventId();
        assertThat(results).allSatisfy(result -> assertThat(result.eventId()).isEqualTo(winner));
        assertThat(appends).allSatisfy(append -> assertThat(events.find(workspace, append.event().id()).isPresent())
                .isEqualTo(append.event().id().equals(winner)));
    }

    @Test
    void a_claim_takes_the_due_unleased_deliveries_of_active_webhooks_soonest_first() {
        Delivery inOtherWorkspace = appendDue(t0.minusSeconds(5), elsewhere).getFirst();
        Delivery earlier = appendDue(t0.minusSeconds(1), second).getFirst();
        Delivery dueNow = appendDue(t0, first).getFirst();
        appendDue(t0.plus(MICROSECOND), first);
        appendDue(t0.minusSeconds(2), paused);
        events.append(unkeyed(eventFor(first, t0.minusSeconds(3)), t0.plusSeconds(30), first));
        Delivery done = appendDue(t0.minusSeconds(4), first).getFirst();
        deliveries.recordAttempts(List.of(attempt(done, ok(), t0.minusSeconds(4))));

        List<DeliveryJob> claimed = deliveries.claimDue(t0, t0.plus(LEASE), 10);

        assertThat(claimed).extracting(DeliveryJob::delivery).containsExactly(inOtherWorkspace, earlier, dueNow);
        DeliveryJob job = claimed.get(2);
        assertThat(job.url()).isEqualTo(first.url());
        assertThat(job.secret()).isEqualTo(first.secret());
        assertThat(claimed.get(1).url()).isEqualTo(second.url());
    }

    @Test
    void a_claimed_job_carries_the_events_payload_byte_for_byte() {
        AgentEvent event = new AgentEvent(EventId.random(), workspace, first.agentId(), CONVERSATION_STARTED,
                Optional.of(new ConversationId("call-1")), new EventData("{\"greeting\":\"Grüß Gott 👋\"}"), t0);
        events.append(unkeyed(event, t0.minus(MICROSECOND), first));

        List<DeliveryJob> claimed = deliveries.claimDue(t0, t0.plus(LEASE), 10);

        assertThat(claimed).hasSize(1);
        assertThat(claimed.getFirst().payload()).isEqualTo(event.payload());
        assertThat(new String(claimed.getFirst().payload(), StandardCharsets.UTF_8)).contains("Grüß Gott 👋");
    }

    @Test
    void a_claim_takes_at_most_its_limit_the_soonest_first() {
        List<Delivery> due = IntStream.range(0, 5)
                .mapToObj(i -> appendDue(t0.minusSeconds(5 - i), first).getFirst())
                .toList();

        List<DeliveryJob> firstTwo = deliveries.claimDue(t0, t0.plus(LEASE), 2);
        List<DeliveryJob> nextTwo = deliveries.claimDue(t0, t0.plus(LEASE), 2);
        List<DeliveryJob> last = deliveries.claimDue(t0, t0.plus(LEASE), 2);

        assertThat(firstTwo).extracting(DeliveryJob::delivery).containsExactly(due.get(0), due.get(1));
        assertThat(nextTwo).extracting(DeliveryJob::delivery).containsExactly(due.get(2), due.get(3));
        assertThat(last).extracting(DeliveryJob::delivery).containsExactly(due.get(4));
    }

    @Test
    void a_claimed_delivery_stays_leased_until_its_lease_has_run_out() {
        Delivery delivery = appendDue(t0, first).getFirst();
        Instant leaseEnd = t0.plus(LEASE);

        assertThat(deliveries.claimDue(t0, leaseEnd, 10)).extracting(DeliveryJob::delivery).containsExactly(delivery);
        assertThat(deliveries.claimDue(t0, leaseEnd, 10)).isEmpty();
        assertThat(deliveries.claimDue(leaseEnd, leaseEnd.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(leaseEnd.plus(MICROSECOND), leaseEnd.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery).containsExactly(delivery);
    }

    @Test
    void deliveries_appended_leased_are_claimed_only_once_that_lease_has_run_out() {
        AgentEvent event = eventFor(first, t0);
        Instant leasedUntil = t0.plusSeconds(30);
        NewEvent append = unkeyed(event, leasedUntil, first, second);
        events.append(append);

        assertThat(deliveries.claimDue(t0.plusSeconds(10), t0.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(leasedUntil.plus(MICROSECOND), t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery).containsExactlyInAnyOrderElementsOf(append.deliveries());
    }

    @Test
    void claims_from_four_threads_never_hand_out_a_delivery_twice() throws Exception {
        List<NewEvent> appends = IntStream.range(0, 150)
                .mapToObj(i -> unkeyed(eventFor(first, t0.plus(MICROSECOND.multipliedBy(i))), t0, first, second))
                .toList();
        concurrently(16, appends.stream().map(append -> (Callable<AppendResult>) () -> events.append(append)).toList());
        List<DeliveryId> all = appends.stream().flatMap(append -> append.deliveries().stream())
                .map(Delivery::id).toList();
        Instant now = t0.plusSeconds(1);
        ConcurrentLinkedQueue<DeliveryId> handedOut = new ConcurrentLinkedQueue<>();

        concurrently(4, IntStream.range(0, 4).mapToObj(i -> (Callable<Void>) () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (handedOut.size() < all.size() && System.nanoTime() < deadline) {
                deliveries.claimDue(now, now.plus(LEASE), 7).forEach(job -> handedOut.add(job.delivery().id()));
            }
            return null;
        }).toList());

        assertThat(handedOut).hasSize(300).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void recording_an_attempt_stores_the_deliverys_new_state_and_ends_its_lease() {
        Delivery delivery = appendDue(t0, first).getFirst();
        deliveries.claimDue(t0, t0.plus(LEASE), 10);

        RecordedAttempt failed = attempt(delivery, serverError(), t0.plusSeconds(1));
        deliveries.recordAttempts(List.of(failed));

        Delivery retrying = failed.delivery();
        assertThat(retrying.nextAttemptAt()).contains(t0.plusSeconds(6));
        assertThat(deliveries.find(workspace, delivery.id())).contains(retrying);
        assertThat(deliveries.attempts(delivery.id())).containsExactly(asStored(failed.attempt()));
        assertThat(deliveries.claimDue(t0.plusSeconds(6), t0.plusSeconds(6).plus(LEASE), 10))
                .extracting(DeliveryJob::delivery).containsExactly(retrying);
    }

    @Test
    void attempts_are_listed_oldest_first_as_stored() {
        Delivery delivery = appendDue(t0, first).getFirst();
        RecordedAttempt busy = attempt(delivery, new AttemptResult(Optional.of(503), Optional.empty(),
                Optional.of(Duration.ofSeconds(10)), Duration.ofNanos(1_234_567_891), "Service Unavailable"), t0);
        RecordedAttempt refused = attempt(busy.delivery(),
                AttemptResult.unreachable("connection refused", Duration.ofMillis(2)), t0.plusSeconds(11));
        RecordedAttempt succeeded = attempt(refused.delivery(), ok(), t0.plusSeconds(20));
        deliveries.recordAttempts(List.of(busy));
        deliveries.recordAttempts(List.of(refused, succeeded));

        assertThat(deliveries.attempts(delivery.id())).containsExactly(asStored(busy.attempt()),
                asStored(refused.attempt()), asStored(succeeded.attempt()));
        assertThat(deliveries.attempts(delivery.id()).getFirst().result().took()).isEqualTo(Duration.ofMillis(1_234));
        assertThat(deliveries.find(workspace, delivery.id())).contains(succeeded.delivery());
        assertThat(deliveries.attempts(DeliveryId.random())).isEmpty();
    }

    @Test
    void a_response_excerpt_is_kept_within_its_byte_limit_and_cut_between_characters() {
        Delivery delivery = appendDue(t0, first).getFirst();
        String exactlyFull = "a".repeat(AttemptResult.EXCERPT_BYTES - 2) + "é";
        String tooLong = "\u0000" + "€".repeat(2_000);
        RecordedAttempt full = attempt(delivery, AttemptResult.answered(500, Optional.empty(), Duration.ZERO,
                exactlyFull), t0);
        RecordedAttempt cut = attempt(full.delivery(), AttemptResult.answered(500, Optional.empty(), Duration.ZERO,
                tooLong), t0.plusSeconds(10));

        deliveries.recordAttempts(List.of(full, cut));

        List<Attempt> stored = deliveries.attempts(delivery.id());
        assertThat(stored.get(0).result().responseExcerpt()).isEqualTo(exactlyFull);
        // NUL becomes U+FFFD (three bytes), and 1364 three-byte euro signs are all that fit after it.
        assertThat(stored.get(1).result().responseExcerpt()).isEqualTo("\uFFFD" + "€".repeat(1_364));
    }

    @Test
    void an_attempt_recorded_again_is_stored_once_and_changes_nothing() {
        Delivery delivery = appendDue(t0, first).getFirst();
        RecordedAttempt failed = attempt(delivery, serverError(), t0);
        RecordedAttempt sameNumberOtherOutcome = attempt(delivery, ok(), t0.plusSeconds(1));
        deliveries.recordAttempts(List.of(failed));

        deliveries.recordAttempts(List.of(failed));
        deliveries.recordAttempts(List.of(sameNumberOtherOutcome));

        assertThat(deliveries.attempts(delivery.id())).containsExactly(asStored(failed.attempt()));
        assertThat(deliveries.find(workspace, delivery.id())).contains(failed.delivery());
    }

    @Test
    void recording_attempts_skips_deliveries_that_are_gone_and_stores_the_rest() {
        AgentEvent event = eventFor(first, t0);
        NewEvent append = unkeyed(event, t0.plus(LEASE), first, second);
        events.append(append);
        Delivery toFirst = deliveryTo(append, first);
        Delivery toSecond = deliveryTo(append, second);
        repositories.webhooks().remove(workspace, second.id());
        RecordedAttempt kept = attempt(toFirst, ok(), t0.plusSeconds(1));

        deliveries.recordAttempts(List.of(attempt(toSecond, ok(), t0.plusSeconds(1)), kept));

        assertThat(deliveries.find(workspace, toFirst.id())).contains(kept.delivery());
        assertThat(deliveries.attempts(toFirst.id())).containsExactly(asStored(kept.attempt()));
        assertThat(deliveries.find(workspace, toSecond.id())).isEmpty();
        assertThat(deliveries.attempts(toSecond.id())).isEmpty();
    }

    @Test
    void a_deleted_webhooks_deliveries_and_attempts_disappear_but_the_event_stays() {
        AgentEvent event = eventFor(first, t0);
        NewEvent append = unkeyed(event, t0.minus(MICROSECOND), first, second);
        events.append(append);
        Delivery toSecond = deliveryTo(append, second);
        RecordedAttempt retrying = attempt(toSecond, serverError(), t0);
        deliveries.recordAttempts(List.of(retrying));

        repositories.webhooks().remove(workspace, second.id());

        assertThat(deliveries.find(workspace, toSecond.id())).isEmpty();
        assertThat(deliveries.attempts(toSecond.id())).isEmpty();
        assertThat(deliveries.forEvent(workspace, event.id())).containsExactly(deliveryTo(append, first));
        assertThat(deliveries.list(query(second, 20, Optional.empty())).items()).isEmpty();
        assertThat(deliveries.claimDue(t0.plusSeconds(10), t0.plus(LEASE), 10)).extracting(DeliveryJob::delivery)
                .containsExactly(deliveryTo(append, first));
        assertThat(events.find(workspace, event.id())).contains(event);
    }

    @Test
    void released_deliveries_can_be_claimed_at_once() {
        NewEvent append = unkeyed(eventFor(first, t0), t0.plus(LEASE), first, second);
        events.append(append);
        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 10)).isEmpty();

        deliveries.release(append.deliveries().stream().map(Delivery::id).toList());
        deliveries.release(List.of());

        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 10)).extracting(DeliveryJob::delivery)
                .containsExactlyInAnyOrderElementsOf(append.deliveries());
    }

    @Test
    void a_requeued_delivery_is_due_again_and_leased_to_the_caller() {
        AgentEvent event = eventFor(first, t0);
        events.append(unkeyed(event, t0.minus(MICROSECOND), first));
        Delivery delivery = deliveries.forEvent(workspace, event.id()).getFirst();
        RecordedAttempt gone = attempt(delivery, AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""), t0);
        deliveries.recordAttempts(List.of(gone));
        Instant later = t0.plusSeconds(10);
        Delivery redelivered = gone.delivery().redeliver(later);

        Optional<DeliveryJob> job = deliveries.requeue(redelivered, later.plus(LEASE));

        assertThat(job).hasValueSatisfying(requeued -> {
            assertThat(requeued.delivery()).isEqualTo(redelivered);
            assertThat(requeued.url()).isEqualTo(first.url());
            assertThat(requeued.secret()).isEqualTo(first.secret());
            assertThat(requeued.payload()).isEqualTo(event.payload());
        });
        assertThat(deliveries.find(workspace, delivery.id())).contains(redelivered);
        assertThat(deliveries.claimDue(later, later.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(later.plus(LEASE).plus(MICROSECOND), later.plus(LEASE).plus(LEASE), 10))
                .extracting(DeliveryJob::delivery).containsExactly(redelivered);
    }

    @Test
    void a_requeue_from_a_read_taken_before_an_attempt_was_recorded_keeps_that_attempt_counted() {
        Delivery delivery = appendDue(t0, first).getFirst();
        deliveries.claimDue(t0, t0.plus(LEASE), 10);
        Delivery readByRedeliver = deliveries.find(workspace, delivery.id()).orElseThrow();
        RecordedAttempt inFlight = attempt(delivery, serverError(), t0.plusSeconds(1));
        deliveries.recordAttempts(List.of(inFlight));
        Instant later = t0.plusSeconds(2);

        DeliveryJob requeued = deliveries.requeue(readByRedeliver.redeliver(later), later.plus(LEASE)).orElseThrow();
        RecordedAttempt next = attempt(requeued.delivery(), ok(), later);
        deliveries.recordAttempts(List.of(next));

        assertThat(requeued.delivery().attempts()).isEqualTo(1);
        assertThat(requeued.delivery().nextAttemptAt()).contains(later);
        assertThat(deliveries.attempts(delivery.id())).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(deliveries.find(workspace, delivery.id())).contains(next.delivery());
    }

    @Test
    void a_delivery_that_is_gone_or_was_never_stored_cannot_be_requeued() {
        NewEvent append = unkeyed(eventFor(first, t0), t0, second);
        events.append(append);
        Delivery toSecond = append.deliveries().getFirst();
        repositories.webhooks().remove(workspace, second.id());
        Delivery neverStored = Delivery.of(eventFor(first, t0), first.id(), t0);

        assertThat(deliveries.requeue(toSecond.redeliver(t0.plusSeconds(1)), t0.plus(LEASE))).isEmpty();
        assertThat(deliveries.requeue(neverStored, t0.plus(LEASE))).isEmpty();
        assertThat(deliveries.find(workspace, neverStored.id())).isEmpty();
    }

    @Test
    void a_delivery_cannot_be_requeued_from_another_workspace() {
        NewEvent append = unkeyed(eventFor(first, t0), t0.plus(LEASE), first);
        events.append(append);
        Delivery ours = append.deliveries().getFirst();
        Delivery hijacked = new Delivery(ours.id(), otherWorkspace, elsewhere.id(), ours.eventId(), ours.eventType(),
                DeliveryStatus.PENDING, 0, Optional.empty(), Optional.of(t0), t0, t0);

        assertThat(deliveries.requeue(hijacked, t0.plus(LEASE))).isEmpty();
        assertThat(deliveries.find(workspace, ours.id())).contains(ours);
    }

    @Test
    void deliveries_are_listed_newest_first_page_by_page_even_when_created_at_the_same_instant() {
        List<Delivery> listed = new ArrayList<>();
        listed.addAll(appendLeased(t0.minusSeconds(1), first));
        for (int i = 0; i < 4; i++) {
            listed.addAll(appendLeased(t0, first, second));
        }
        listed.addAll(appendLeased(t0.plusSeconds(1), first));
        listed.addAll(appendLeased(t0.plusSeconds(1), first));
        List<Delivery> toFirst = listed.stream().filter(d -> d.webhookId().equals(first.id()))
                .sorted(NEWEST_FIRST).toList();

        Page<Delivery> page1 = deliveries.list(query(first, 3, Optional.empty()));
        Page<Delivery> page2 = deliveries.list(query(first, 3, page1.next()));
        Page<Delivery> page3 = deliveries.list(query(first, 3, page2.next()));

        assertThat(Stream.of(page1, page2, page3).flatMap(page -> page.items().stream()))
                .containsExactlyElementsOf(toFirst);
        assertThat(page1.next()).contains(cursorOf(page1.items().getLast()));
        assertThat(page2.next()).contains(cursorOf(page2.items().getLast()));
        assertThat(page3.items()).hasSize(1);
        assertThat(page3.next()).isEmpty();
    }

    @Test
    void a_page_that_is_exactly_full_is_the_last_one() {
        List<Delivery> two = new ArrayList<>(appendLeased(t0, first));
        two.addAll(appendLeased(t0.plusSeconds(1), first));

        Page<Delivery> page = deliveries.list(query(first, 2, Optional.empty()));

        assertThat(page.items()).containsExactlyElementsOf(two.stream().sorted(NEWEST_FIRST).toList());
        assertThat(page.next()).isEmpty();
    }

    @Test
    void the_listing_can_be_filtered_by_status() {
        Delivery pending = appendLeased(t0, first).getFirst();
        RecordedAttempt succeeded = attempt(appendLeased(t0.plusSeconds(1), first).getFirst(), ok(), t0);
        RecordedAttempt failed = attempt(appendLeased(t0.plusSeconds(2), first).getFirst(),
                AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""), t0);
        deliveries.recordAttempts(List.of(succeeded, failed));

        assertThat(listed(first, DeliveryStatus.PENDING)).containsExactly(pending);
        assertThat(listed(first, DeliveryStatus.SUCCEEDED)).containsExactly(succeeded.delivery());
        assertThat(listed(first, DeliveryStatus.FAILED)).containsExactly(failed.delivery());
        assertThat(deliveries.list(query(first, 20, Optional.empty())).items())
                .containsExactly(failed.delivery(), succeeded.delivery(), pending);
    }

    @Test
    void a_purge_deletes_old_events_that_have_nothing_pending_with_their_deliveries_and_attempts() {
        Instant cutoff = t0.plus(Duration.ofHours(1));
        Delivery succeeded = appendLeased(t0, first).getFirst();
        Delivery failed = appendLeased(t0.plusSeconds(1), second).getFirst();
        RecordedAttempt success = attempt(succeeded, ok(), t0.plusSeconds(2));
        deliveries.recordAttempts(List.of(success, attempt(failed,
                AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""), t0.plusSeconds(2))));
        AgentEvent unwanted = eventFor(first, t0.plusSeconds(3));
        events.append(unkeyed(unwanted, t0));
        Delivery stillPending = appendLeased(t0.plusSeconds(4), first).getFirst();
        Delivery recent = appendLeased(cutoff.plusSeconds(1), first).getFirst();
        deliveries.recordAttempts(List.of(attempt(recent, ok(), cutoff.plusSeconds(2))));

        assertThat(events.purge(cutoff, 100)).isEqualTo(3);

        assertThat(events.find(workspace, succeeded.eventId())).isEmpty();
        assertThat(events.find(workspace, failed.eventId())).isEmpty();
        assertThat(events.find(workspace, unwanted.id())).isEmpty();
        assertThat(deliveries.find(workspace, succeeded.id())).isEmpty();
        assertThat(deliveries.find(workspace, failed.id())).isEmpty();
        assertThat(deliveries.attempts(succeeded.id())).isEmpty();
        assertThat(deliveries.forEvent(workspace, stillPending.eventId())).containsExactly(stillPending);
        assertThat(events.find(workspace, recent.eventId())).isPresent();
        assertThat(deliveries.attempts(recent.id())).hasSize(1);
        assertThat(events.purge(cutoff, 100)).isZero();
    }

    @Test
    void a_purge_deletes_at_most_its_limit_of_events() {
        List<AgentEvent> old = IntStream.range(0, 5).mapToObj(i -> eventFor(first, t0.plusSeconds(i))).toList();
        old.forEach(event -> events.append(unkeyed(event, t0)));
        Instant cutoff = t0.plus(Duration.ofHours(1));

        assertThat(events.purge(cutoff, 2)).isEqualTo(2);
        assertThat(old.stream().filter(event -> events.find(workspace, event.id()).isPresent())).hasSize(3);
        assertThat(events.purge(cutoff, 2)).isEqualTo(2);
        assertThat(events.purge(cutoff, 2)).isEqualTo(1);
        assertThat(old).allSatisfy(event -> assertThat(events.find(workspace, event.id())).isEmpty());
    }

    @Test
    void a_purge_forgets_idempotency_keys_first_used_before_the_cutoff_and_keeps_newer_ones() {
        AgentEvent keyedLongAgo = eventFor(first, t0);
        AgentEvent keyedRecently = eventFor(first, t0.plus(Duration.ofHours(2)));
        events.append(keyed(keyedLongAgo, "old-key", t0.minusSeconds(60), first));
        events.append(keyed(keyedRecently, "new-key", t0.minusSeconds(60), first));

        events.purge(t0.plus(Duration.ofHours(1)), 100);

        // Within the keys' window, only the forgotten one makes a new event.
        AgentEvent retried = eventFor(first, t0.plus(Duration.ofHours(3)));
        AgentEvent repeated = eventFor(first, t0.plus(Duration.ofHours(3)));
        assertThat(events.append(keyed(retried, "old-key", t0.minusSeconds(60), first)))
                .isEqualTo(new AppendResult(retried.id(), 1, false));
        assertThat(events.append(keyed(repeated, "new-key", t0.minusSeconds(60), first)))
                .isEqualTo(new AppendResult(keyedRecently.id(), 1, true));
        assertThat(events.find(workspace, keyedLongAgo.id())).as("its delivery is still pending").isPresent();
    }

    @Test
    void the_listing_never_reaches_into_another_workspace() {
        appendLeased(t0, first);

        ListDeliveriesQuery fromElsewhere = new ListDeliveriesQuery(otherWorkspace, first.id(), Optional.empty(),
                PageLimit.DEFAULT, Optional.empty());

        assertThat(deliveries.list(fromElsewhere).items()).isEmpty();
        assertThat(deliveries.list(query(second, 20, Optional.empty())).items()).isEmpty();
    }

    private WorkspaceId givenWorkspace() {
        WorkspaceId id = WorkspaceId.random();
        repositories.workspaces().add(new Workspace(id, "Workspace " + id, t0));
        return id;
    }

    private AgentId givenAgent(WorkspaceId workspaceId) {
        AgentId id = AgentId.random();
        repositories.agents().add(new Agent(id, workspaceId, "Agent " + id, t0));
        return id;
    }

    private Webhook givenWebhook(WorkspaceId workspaceId, AgentId agentId, boolean active, String url) {
        Webhook webhook = Webhook.restore(WebhookId.random(), workspaceId, new WebhookName("Hook " + url), agentId,
                new WebhookUrl(url), Secret.generate(), Subscriptions.of(EventType.subscribableTypes()), active, t0, t0);
        repositories.webhooks().add(webhook);
        return webhook;
    }

    private static AgentEvent eventFor(Webhook webhook, Instant at) {
        return new AgentEvent(EventId.random(), webhook.workspaceId(), webhook.agentId(), CONVERSATION_STARTED,
                Optional.of(new ConversationId("call-" + at.getNano())), new EventData("{\"at\":\"" + at + "\"}"), at);
    }

    private static NewEvent unkeyed(AgentEvent event, Instant leasedUntil, Webhook... to) {
        return new NewEvent(event, Optional.empty(), event.occurredAt(), deliveriesOf(event, to), leasedUntil);
    }

    private static NewEvent keyed(AgentEvent event, String key, Instant keyNotBefore, Webhook... to) {
        return new NewEvent(event, Optional.of(new IdempotencyKey(key)), keyNotBefore, deliveriesOf(event, to),
                event.occurredAt().plus(LEASE));
    }

    private static List<Delivery> deliveriesOf(AgentEvent event, Webhook... to) {
        return Arrays.stream(to).map(webhook -> Delivery.of(event, webhook.id(), event.occurredAt())).toList();
    }

    /** Appends an event at {@code at} with a delivery to each webhook, due then and leased to nobody. */
    private List<Delivery> appendDue(Instant at, Webhook... to) {
        NewEvent append = unkeyed(eventFor(to[0], at), at.minus(MICROSECOND), to);
        events.append(append);
        return append.deliveries();
    }

    /** Appends an event at {@code at} with deliveries that stay leased for longer than any test runs. */
    private List<Delivery> appendLeased(Instant at, Webhook... to) {
        NewEvent append = unkeyed(eventFor(to[0], at), at.plus(Duration.ofDays(365)), to);
        events.append(append);
        return append.deliveries();
    }

    private static Delivery deliveryTo(NewEvent append, Webhook webhook) {
        return append.deliveries().stream().filter(d -> d.webhookId().equals(webhook.id())).findFirst().orElseThrow();
    }

    /** The next attempt of {@code delivery}, made at {@code at}, and the state it leads to (retries without jitter). */
    private static RecordedAttempt attempt(Delivery delivery, AttemptResult result, Instant at) {
        Delivery next = delivery.after(result, RetrySchedule.STANDARD, at, () -> 0);
        return new RecordedAttempt(next, new Attempt(next.id(), next.attempts(), at, result));
    }

    /** An attempt as it reads back: whole milliseconds, and no Retry-After (it only shaped the next attempt). */
    private static Attempt asStored(Attempt attempt) {
        AttemptResult result = attempt.result();
        return new Attempt(attempt.deliveryId(), attempt.number(), attempt.startedAt(), new AttemptResult(
                result.statusCode(), result.error(), Optional.empty(), Duration.ofMillis(result.took().toMillis()),
                result.responseExcerpt()));
    }

    private static AttemptResult ok() {
        return AttemptResult.answered(200, Optional.empty(), Duration.ofMillis(40), "{\"received\":true}");
    }

    private static AttemptResult serverError() {
        return AttemptResult.answered(503, Optional.empty(), Duration.ofMillis(1_000), "try later");
    }

    private static List<Delivery> inIdOrder(List<Delivery> deliveries) {
        return deliveries.stream().sorted(Comparator.comparing(delivery -> delivery.id().value())).toList();
    }

    private ListDeliveriesQuery query(Webhook webhook, int limit, Optional<PageCursor> after) {
        return new ListDeliveriesQuery(workspace, webhook.id(), Optional.empty(), new PageLimit(limit), after);
    }

    private List<Delivery> listed(Webhook webhook, DeliveryStatus status) {
        return deliveries.list(new ListDeliveriesQuery(workspace, webhook.id(), Optional.of(status),
                PageLimit.DEFAULT, Optional.empty())).items();
    }

    private static PageCursor cursorOf(Delivery delivery) {
        return new PageCursor(delivery.createdAt(), delivery.id().value());
    }

    /** Runs the tasks on {@code threads} platform threads; their results in task order. */
    private static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
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
