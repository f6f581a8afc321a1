package org.agenthooks.application.port.out.contract;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.CONVERSATION_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.HeldLease;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.RequeueResult;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.PageLimit;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link DeliveryRepository} does: claims and leases, recorded attempts, requeues,
 * finding and listing deliveries, on deliveries appended through the {@link EventRepository} over the same store.
 * Subclass it once per implementation.
 */
public abstract class DeliveryRepositoryContract extends EventAndDeliveryFixture {
    private static final Comparator<Delivery> NEWEST_FIRST = Comparator.comparing(Delivery::createdAt)
            .thenComparing(delivery -> delivery.id().value())
            .reversed();

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
        assertThat(job.secrets()).isEqualTo(first.signingSecrets());
        assertThat(claimed.get(1).url()).isEqualTo(second.url());
    }

    @Test
    void a_claimed_job_carries_the_events_payload_byte_for_byte() {
        AgentEvent event = new AgentEvent(
                EventId.random(),
                workspace,
                first.agentId(),
                CONVERSATION_STARTED,
                Optional.of(new ConversationId("call-1")),
                new EventData("{\"greeting\":\"Grüß Gott 👋\"}"),
                t0);
        events.append(unkeyed(event, t0.minus(MICROSECOND), first));

        List<DeliveryJob> claimed = deliveries.claimDue(t0, t0.plus(LEASE), 10);

        assertThat(claimed).hasSize(1);
        assertThat(claimed.getFirst().payload()).isEqualTo(event.numbered(1).payload());
        assertThat(new String(claimed.getFirst().payload(), StandardCharsets.UTF_8))
                .contains("Grüß Gott 👋");
    }

    @Test
    void a_claimed_job_carries_the_trace_parent_its_event_was_appended_with() {
        TraceParent trace = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .orElseThrow();
        NewEvent untraced = unkeyed(eventFor(first, t0.minusSeconds(2)), t0.minus(MICROSECOND), first);
        NewEvent plain = unkeyed(eventFor(first, t0.minusSeconds(1)), t0.minus(MICROSECOND), first);
        NewEvent traced = new NewEvent(
                plain.event(),
                plain.idempotencyKey(),
                plain.keyNotBefore(),
                plain.deliveries(),
                plain.leasedUntil(),
                Optional.of(trace));
        events.append(untraced);
        events.append(traced);

        List<DeliveryJob> claimed = deliveries.claimDue(t0, t0.plus(LEASE), 10);

        assertThat(claimed)
                .extracting(DeliveryJob::delivery, DeliveryJob::traceParent)
                .containsExactly(
                        tuple(untraced.deliveries().getFirst(), Optional.empty()),
                        tuple(traced.deliveries().getFirst(), Optional.of(trace)));
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

        assertThat(deliveries.claimDue(t0, leaseEnd, 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(delivery);
        assertThat(deliveries.claimDue(t0, leaseEnd, 10)).isEmpty();
        assertThat(deliveries.claimDue(leaseEnd, leaseEnd.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(leaseEnd.plus(MICROSECOND), leaseEnd.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(delivery);
    }

    @Test
    void deliveries_appended_leased_are_claimed_only_once_that_lease_has_run_out() {
        AgentEvent event = eventFor(first, t0);
        Instant leasedUntil = t0.plusSeconds(30);
        NewEvent append = unkeyed(event, leasedUntil, first, second);
        events.append(append);

        assertThat(deliveries.claimDue(t0.plusSeconds(10), t0.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(leasedUntil.plus(MICROSECOND), t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactlyInAnyOrderElementsOf(append.deliveries());
    }

    @Test
    void claims_from_four_threads_never_hand_out_a_delivery_twice() throws Exception {
        List<NewEvent> appends = IntStream.range(0, 150)
                .mapToObj(i -> unkeyed(eventFor(first, t0.plus(MICROSECOND.multipliedBy(i))), t0, first, second))
                .toList();
        concurrently(
                16,
                appends.stream()
                        .map(append -> (Callable<AppendResult>) () -> events.append(append))
                        .toList());
        List<DeliveryId> all = appends.stream()
                .flatMap(append -> append.deliveries().stream())
                .map(Delivery::id)
                .toList();
        Instant now = t0.plusSeconds(1);
        ConcurrentLinkedQueue<DeliveryId> handedOut = new ConcurrentLinkedQueue<>();

        concurrently(
                4,
                IntStream.range(0, 4)
                        .mapToObj(i -> (Callable<Void>) () -> {
                            long deadline =
                                    System.nanoTime() + Duration.ofSeconds(30).toNanos();
                            while (handedOut.size() < all.size() && System.nanoTime() < deadline) {
                                deliveries
                                        .claimDue(now, now.plus(LEASE), 7)
                                        .forEach(job ->
                                                handedOut.add(job.delivery().id()));
                            }
                            return null;
                        })
                        .toList());

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
                .extracting(DeliveryJob::delivery)
                .containsExactly(retrying);
    }

    @Test
    void attempts_are_listed_oldest_first_as_stored() {
        Delivery delivery = appendDue(t0, first).getFirst();
        RecordedAttempt busy = attempt(
                delivery,
                new AttemptResult(
                        Optional.of(503),
                        Optional.empty(),
                        Optional.of(Duration.ofSeconds(10)),
                        Duration.ofNanos(1_234_567_891),
                        "Service Unavailable"),
                t0);
        RecordedAttempt refused = attempt(
                busy.delivery(),
                AttemptResult.unreachable("connection refused", Duration.ofMillis(2)),
                t0.plusSeconds(11));
        RecordedAttempt succeeded = attempt(refused.delivery(), ok(), t0.plusSeconds(20));
        deliveries.recordAttempts(List.of(busy));
        deliveries.recordAttempts(List.of(refused, succeeded));

        assertThat(deliveries.attempts(delivery.id()))
                .containsExactly(asStored(busy.attempt()), asStored(refused.attempt()), asStored(succeeded.attempt()));
        assertThat(deliveries.attempts(delivery.id()).getFirst().result().took())
                .isEqualTo(Duration.ofMillis(1_234));
        assertThat(deliveries.find(workspace, delivery.id())).contains(succeeded.delivery());
        assertThat(deliveries.attempts(DeliveryId.random())).isEmpty();
    }

    @Test
    void a_response_excerpt_is_kept_within_its_byte_limit_and_cut_between_characters() {
        Delivery delivery = appendDue(t0, first).getFirst();
        String exactlyFull = "a".repeat(AttemptResult.EXCERPT_BYTES - 2) + "é";
        String tooLong = "\u0000" + "€".repeat(2_000);
        RecordedAttempt full =
                attempt(delivery, AttemptResult.answered(500, Optional.empty(), Duration.ZERO, exactlyFull), t0);
        RecordedAttempt cut = attempt(
                full.delivery(),
                AttemptResult.answered(500, Optional.empty(), Duration.ZERO, tooLong),
                t0.plusSeconds(10));

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
        RecordedAttempt sameNumberOtherFailure =
                attempt(delivery, AttemptResult.answered(503, Optional.empty(), Duration.ZERO, ""), t0.plusSeconds(1));
        deliveries.recordAttempts(List.of(failed));

        deliveries.recordAttempts(List.of(failed));
        deliveries.recordAttempts(List.of(sameNumberOtherFailure));

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
        assertThat(deliveries.claimDue(t0.plusSeconds(10), t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
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

        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactlyInAnyOrderElementsOf(append.deliveries());
    }

    @Test
    void postponed_deliveries_are_due_at_the_given_time_unleased_and_keep_their_attempts() {
        NewEvent append = unkeyed(eventFor(first, t0), t0.minus(MICROSECOND), first, second);
        events.append(append);
        Delivery toFirst = deliveryTo(append, first);
        Delivery toSecond = deliveryTo(append, second);
        deliveries.recordAttempts(List.of(attempt(toSecond, ok(), t0)));
        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(toFirst);
        Instant probeAt = t0.plusSeconds(30);

        deliveries.postpone(List.of(toFirst.id(), toSecond.id()), probeAt);
        deliveries.postpone(List.of(), probeAt);

        assertThat(deliveries.claimDue(probeAt.minus(MICROSECOND), probeAt.plus(LEASE), 10))
                .isEmpty();
        Delivery stored = deliveries.find(workspace, toFirst.id()).orElseThrow();
        assertThat(stored.nextAttemptAt()).contains(probeAt);
        assertThat(stored.attempts()).isEqualTo(toFirst.attempts());
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(deliveries.find(workspace, toSecond.id()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(deliveries.claimDue(probeAt, probeAt.plus(LEASE), 10))
                .extracting(job -> job.delivery().id())
                .containsExactly(toFirst.id());
    }

    @Test
    void a_webhooks_backlog_is_postponed_at_once_leaving_leased_later_and_finished_deliveries_and_other_webhooks() {
        Delivery leased = appendDue(t0.minusSeconds(4), first).getFirst();
        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 1))
                .extracting(DeliveryJob::delivery)
                .containsExactly(leased);
        Delivery waiting = appendDue(t0.minusSeconds(3), first).getFirst();
        Delivery dueLater = appendDue(t0.plusSeconds(5), first).getFirst();
        Delivery done = appendDue(t0.minusSeconds(2), first).getFirst();
        deliveries.recordAttempts(List.of(attempt(done, ok(), t0.minusSeconds(2))));
        Delivery toSecond = appendDue(t0.minusSeconds(1), second).getFirst();
        Delivery beyond = appendDue(t0.plusSeconds(60), first).getFirst();
        Instant probeAt = t0.plusSeconds(30);

        int moved = deliveries.postponeBacklog(Set.of(first.id(), paused.id()), t0.plusSeconds(6), probeAt);

        assertThat(moved).isEqualTo(2);
        assertThat(deliveries.claimDue(probeAt.minus(MICROSECOND), probeAt.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(toSecond);
        assertThat(deliveries.find(workspace, waiting.id()).orElseThrow().nextAttemptAt())
                .contains(probeAt);
        assertThat(deliveries.find(workspace, waiting.id()).orElseThrow().attempts())
                .isEqualTo(waiting.attempts());
        assertThat(deliveries.find(workspace, beyond.id()).orElseThrow().nextAttemptAt())
                .isEqualTo(beyond.nextAttemptAt());
        assertThat(deliveries.claimDue(probeAt, probeAt.plus(LEASE), 10))
                .extracting(job -> job.delivery().id())
                .containsExactlyInAnyOrder(waiting.id(), dueLater.id());
        assertThat(deliveries.postponeBacklog(Set.of(), t0, probeAt)).isZero();
        assertThat(deliveries.claimDue(
                        t0.plus(LEASE).plus(MICROSECOND), t0.plus(LEASE).plus(LEASE), 10))
                .extracting(job -> job.delivery().id())
                .as("the delivery leased at the time was left due when it was")
                .contains(leased.id());
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

        RequeueResult result = deliveries.requeue(redelivered, later, later.plus(LEASE));

        assertThat(result).isInstanceOfSatisfying(RequeueResult.Requeued.class, requeuedResult -> {
            DeliveryJob requeued = requeuedResult.job();
            assertThat(requeued.delivery()).isEqualTo(redelivered);
            assertThat(requeued.url()).isEqualTo(first.url());
            assertThat(requeued.secrets()).isEqualTo(first.signingSecrets());
            assertThat(requeued.payload()).isEqualTo(event.payload());
        });
        assertThat(deliveries.find(workspace, delivery.id())).contains(redelivered);
        assertThat(deliveries.claimDue(later, later.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(
                        later.plus(LEASE).plus(MICROSECOND), later.plus(LEASE).plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(redelivered);
    }

    @Test
    void a_delivery_leased_until_later_cannot_be_requeued_before_its_lease_runs_out_and_can_after() {
        Delivery delivery = appendDue(t0, first).getFirst();
        Instant leaseEnd = t0.plus(LEASE);
        deliveries.claimDue(t0, leaseEnd, 10);
        Instant during = t0.plusSeconds(1);

        assertThat(deliveries.requeue(delivery.redeliver(during), during, during.plus(LEASE)))
                .isEqualTo(new RequeueResult.InFlight(leaseEnd));
        assertThat(deliveries.requeue(delivery.redeliver(leaseEnd), leaseEnd, leaseEnd.plus(LEASE)))
                .isEqualTo(new RequeueResult.InFlight(leaseEnd));
        assertThat(deliveries.find(workspace, delivery.id())).contains(delivery);

        Instant after = leaseEnd.plus(MICROSECOND);
        Delivery redelivered = delivery.redeliver(after);
        assertThat(deliveries.requeue(redelivered, after, after.plus(LEASE)))
                .isInstanceOfSatisfying(
                        RequeueResult.Requeued.class,
                        requeued -> assertThat(requeued.job().delivery()).isEqualTo(redelivered));
        assertThat(deliveries.claimDue(after, after.plus(LEASE), 10)).isEmpty();
    }

    @Test
    void a_requeue_from_a_read_taken_before_an_attempt_was_recorded_keeps_that_attempt_counted() {
        Delivery delivery = appendDue(t0, first).getFirst();
        deliveries.claimDue(t0, t0.plus(LEASE), 10);
        Delivery readByRedeliver = deliveries.find(workspace, delivery.id()).orElseThrow();
        RecordedAttempt inFlight = attempt(delivery, serverError(), t0.plusSeconds(1));
        deliveries.recordAttempts(List.of(inFlight));
        Instant later = t0.plusSeconds(2);

        DeliveryJob requeued = ((RequeueResult.Requeued)
                        deliveries.requeue(readByRedeliver.redeliver(later), later, later.plus(LEASE)))
                .job();
        RecordedAttempt next = attempt(requeued.delivery(), ok(), later);
        deliveries.recordAttempts(List.of(next));

        assertThat(requeued.delivery().attempts()).isEqualTo(1);
        assertThat(requeued.delivery().nextAttemptAt()).contains(later);
        assertThat(deliveries.attempts(delivery.id()))
                .extracting(Attempt::number)
                .containsExactly(1, 2);
        assertThat(deliveries.find(workspace, delivery.id())).contains(next.delivery());
    }

    @Test
    void a_delivery_that_is_gone_or_was_never_stored_cannot_be_requeued() {
        NewEvent append = unkeyed(eventFor(first, t0), t0, second);
        events.append(append);
        Delivery toSecond = append.deliveries().getFirst();
        repositories.webhooks().remove(workspace, second.id());
        Delivery neverStored = Delivery.of(eventFor(first, t0), first.id(), t0);

        assertThat(deliveries.requeue(toSecond.redeliver(t0.plusSeconds(1)), t0.plusSeconds(1), t0.plus(LEASE)))
                .isEqualTo(new RequeueResult.Gone());
        assertThat(deliveries.requeue(neverStored, t0, t0.plus(LEASE))).isEqualTo(new RequeueResult.Gone());
        assertThat(deliveries.find(workspace, neverStored.id())).isEmpty();
    }

    @Test
    void a_delivery_cannot_be_requeued_from_another_workspace() {
        NewEvent append = unkeyed(eventFor(first, t0), t0.plus(LEASE), first);
        events.append(append);
        Delivery ours = append.deliveries().getFirst();
        Delivery hijacked = new Delivery(
                ours.id(),
                otherWorkspace,
                elsewhere.id(),
                ours.eventId(),
                ours.eventType(),
                DeliveryStatus.PENDING,
                0,
                Optional.empty(),
                Optional.of(t0),
                t0,
                t0);

        assertThat(deliveries.requeue(hijacked, t0, t0.plus(LEASE))).isEqualTo(new RequeueResult.Gone());
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
        List<Delivery> toFirst = listed.stream()
                .filter(d -> d.webhookId().equals(first.id()))
                .sorted(NEWEST_FIRST)
                .toList();

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

        assertThat(page.items())
                .containsExactlyElementsOf(two.stream().sorted(NEWEST_FIRST).toList());
        assertThat(page.next()).isEmpty();
    }

    @Test
    void the_listing_can_be_filtered_by_status() {
        Delivery pending = appendLeased(t0, first).getFirst();
        RecordedAttempt succeeded =
                attempt(appendLeased(t0.plusSeconds(1), first).getFirst(), ok(), t0);
        RecordedAttempt failed = attempt(
                appendLeased(t0.plusSeconds(2), first).getFirst(),
                AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""),
                t0);
        deliveries.recordAttempts(List.of(succeeded, failed));

        assertThat(listed(first, DeliveryStatus.PENDING)).containsExactly(pending);
        assertThat(listed(first, DeliveryStatus.SUCCEEDED)).containsExactly(succeeded.delivery());
        assertThat(listed(first, DeliveryStatus.FAILED)).containsExactly(failed.delivery());
        assertThat(deliveries.list(query(first, 20, Optional.empty())).items())
                .containsExactly(failed.delivery(), succeeded.delivery(), pending);
    }

    @Test
    void the_listing_never_reaches_into_another_workspace() {
        appendLeased(t0, first);

        ListDeliveriesQuery fromElsewhere = new ListDeliveriesQuery(
                otherWorkspace, first.id(), Optional.empty(), PageLimit.DEFAULT, Optional.empty());

        assertThat(deliveries.list(fromElsewhere).items()).isEmpty();
        assertThat(deliveries.list(query(second, 20, Optional.empty())).items()).isEmpty();
    }

    @Test
    void deliveries_are_counted_per_hour_of_creation_by_the_status_they_have_now() {
        Instant hour = t0.truncatedTo(ChronoUnit.HOURS);
        appendLeased(hour.minus(MICROSECOND), first); // before the span
        appendLeased(hour, first, second);
        appendLeased(hour.plus(Duration.ofMinutes(10)), first);
        RecordedAttempt succeeded =
                attempt(appendLeased(hour.plus(Duration.ofMinutes(30)), first).getFirst(), ok(), t0);
        RecordedAttempt failed = attempt(
                appendLeased(hour.plus(Duration.ofHours(1)).minus(MICROSECOND), first)
                        .getFirst(),
                AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""),
                t0);
        deliveries.recordAttempts(List.of(succeeded, failed));
        appendLeased(hour.plus(Duration.ofHours(1)), first);
        appendLeased(hour.plus(Duration.ofHours(2)), first); // at the end of the span: not in it
        appendLeased(hour, elsewhere);

        List<HourlyDeliveryCount> counted =
                deliveries.countByHour(workspace, first.id(), hour, hour.plus(Duration.ofHours(2)));

        assertThat(counted)
                .containsExactlyInAnyOrder(
                        new HourlyDeliveryCount(hour, DeliveryStatus.PENDING, 2),
                        new HourlyDeliveryCount(hour, DeliveryStatus.SUCCEEDED, 1),
                        new HourlyDeliveryCount(hour, DeliveryStatus.FAILED, 1),
                        new HourlyDeliveryCount(hour.plus(Duration.ofHours(1)), DeliveryStatus.PENDING, 1));
    }

    @Test
    void counting_never_reaches_into_another_webhook_or_workspace() {
        Instant hour = t0.truncatedTo(ChronoUnit.HOURS);
        appendLeased(hour, first);

        assertThat(deliveries.countByHour(otherWorkspace, first.id(), hour, hour.plus(Duration.ofHours(1))))
                .isEmpty();
        assertThat(deliveries.countByHour(workspace, second.id(), hour, hour.plus(Duration.ofHours(1))))
                .isEmpty();
    }

    @Test
    void a_renewal_extends_the_leases_still_held() {
        Delivery delivery = appendDue(t0, first).getFirst();
        Instant leaseEnd = t0.plus(LEASE);
        deliveries.claimDue(t0, leaseEnd, 10);
        Instant renewedEnd = leaseEnd.plus(LEASE);

        assertThat(deliveries.renewLeases(List.of(new HeldLease(delivery.id(), leaseEnd)), renewedEnd))
                .containsExactly(delivery.id());
        assertThat(deliveries.renewLeases(List.of(), renewedEnd)).isEmpty();

        assertThat(deliveries.claimDue(renewedEnd, renewedEnd.plus(LEASE), 10)).isEmpty();
        assertThat(deliveries.claimDue(renewedEnd.plus(MICROSECOND), renewedEnd.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(delivery);
    }

    @Test
    void a_renewal_takes_back_a_lease_that_ran_out_if_no_one_took_it_since() {
        Delivery delivery = appendDue(t0, first).getFirst();
        Instant leaseEnd = t0.plus(LEASE);
        deliveries.claimDue(t0, leaseEnd, 10);
        Instant muchLater = leaseEnd.plus(LEASE).plus(LEASE);

        assertThat(deliveries.renewLeases(List.of(new HeldLease(delivery.id(), leaseEnd)), muchLater.plus(LEASE)))
                .containsExactly(delivery.id());
        assertThat(deliveries.claimDue(muchLater, muchLater.plus(LEASE), 10)).isEmpty();
    }

    @Test
    void a_renewal_leaves_alone_a_lease_another_process_took_after_ours_ran_out() {
        Delivery delivery = appendDue(t0, first).getFirst();
        Instant ourEnd = t0.plus(LEASE);
        deliveries.claimDue(t0, ourEnd, 10);
        Instant takenAt = ourEnd.plus(MICROSECOND);
        Instant theirEnd = takenAt.plus(LEASE);
        assertThat(deliveries.claimDue(takenAt, theirEnd, 10)).hasSize(1);

        assertThat(deliveries.renewLeases(List.of(new HeldLease(delivery.id(), ourEnd)), theirEnd.plus(LEASE)))
                .isEmpty();
        assertThat(deliveries.claimDue(theirEnd.plus(MICROSECOND), theirEnd.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(delivery);
    }

    @Test
    void a_renewal_leaves_alone_recorded_and_released_deliveries() {
        List<Delivery> two = appendDue(t0, first, second);
        Instant leaseEnd = t0.plus(LEASE);
        deliveries.claimDue(t0, leaseEnd, 10);
        deliveries.recordAttempts(List.of(attempt(two.get(0), serverError(), t0)));
        deliveries.release(List.of(two.get(1).id()));

        assertThat(deliveries.renewLeases(
                        two.stream().map(d -> new HeldLease(d.id(), leaseEnd)).toList(), leaseEnd.plus(LEASE)))
                .isEmpty();
    }

    @Test
    void an_outcome_never_moves_a_succeeded_delivery_back() {
        Delivery delivery = appendDue(t0, first).getFirst();
        deliveries.recordAttempts(List.of(attempt(delivery, ok(), t0)));
        Delivery pendingAfterFailure = attempt(delivery, serverError(), t0).delivery();

        deliveries.recordAttempts(List.of(attempt(pendingAfterFailure, serverError(), t0.plusSeconds(1))));

        Delivery stored = deliveries.find(workspace, delivery.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(stored.attempts()).isEqualTo(1);
    }

    @Test
    void a_success_overtaken_by_another_processs_attempt_of_the_same_number_is_still_recorded() {
        Delivery delivery = appendDue(t0, first).getFirst();
        RecordedAttempt ourSuccess = attempt(delivery, ok(), t0);
        RecordedAttempt theirFailure = attempt(delivery, serverError(), t0.plusSeconds(70));
        deliveries.recordAttempts(List.of(theirFailure));

        deliveries.recordAttempts(List.of(ourSuccess));
        deliveries.recordAttempts(List.of(ourSuccess));

        Delivery stored = deliveries.find(workspace, delivery.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.nextAttemptAt()).isEmpty();
        assertThat(deliveries.attempts(delivery.id()))
                .extracting(Attempt::number, recorded -> recorded.result().statusCode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, Optional.of(503)),
                        org.assertj.core.groups.Tuple.tuple(2, Optional.of(200)));
    }

    @Test
    void a_later_delivery_of_a_conversation_waits_until_the_earlier_one_to_its_webhook_is_no_longer_pending() {
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        NewEvent started = unkeyed(eventIn(call, CONVERSATION_STARTED, t0), t0, first, second);
        NewEvent ended =
                unkeyed(eventIn(call, CONVERSATION_ENDED, t0.plus(MICROSECOND)), t0.plusSeconds(30), first, second);
        events.append(started);
        AppendResult endedAppended = events.append(ended);
        Instant later = t0.plusSeconds(1);

        assertThat(endedAppended.held()).containsExactlyInAnyOrderElementsOf(ids(ended.deliveries()));
        List<DeliveryJob> firstClaim = deliveries.claimDue(later, later.plus(LEASE), 10);
        assertThat(firstClaim)
                .extracting(DeliveryJob::delivery)
                .containsExactlyInAnyOrderElementsOf(started.deliveries());
        assertThat(firstClaim).noneMatch(DeliveryJob::orderReleased);

        deliveries.recordAttempts(List.of(attempt(deliveryTo(started, first), ok(), later)));
        List<DeliveryJob> secondClaim = deliveries.claimDue(later, later.plus(LEASE), 10);
        assertThat(secondClaim).extracting(DeliveryJob::delivery).containsExactly(deliveryTo(ended, first));
        assertThat(secondClaim).noneMatch(DeliveryJob::orderReleased);
        assertThat(new String(secondClaim.getFirst().payload(), StandardCharsets.UTF_8))
                .contains("\"sequence\":2");

        deliveries.recordAttempts(List.of(attempt(
                deliveryTo(started, second), AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""), later)));
        assertThat(deliveries.claimDue(later, later.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactly(deliveryTo(ended, second));
    }

    @Test
    void a_held_delivery_is_claimed_once_older_than_the_order_hold_and_says_it_was_released() {
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        events.append(unkeyed(eventIn(call, CONVERSATION_STARTED, t0), t0.plus(Duration.ofDays(1)), first));
        NewEvent ended = unkeyed(eventIn(call, CONVERSATION_ENDED, t0), t0, first);
        events.append(ended);
        Instant holdEnds = t0.plus(EventAndDeliveryRepositories.ORDER_HOLD);

        assertThat(deliveries.claimDue(holdEnds.minus(MICROSECOND), holdEnds.plus(LEASE), 10))
                .isEmpty();
        List<DeliveryJob> claimed = deliveries.claimDue(holdEnds.plus(MICROSECOND), holdEnds.plus(LEASE), 10);

        assertThat(claimed).extracting(DeliveryJob::delivery).containsExactlyElementsOf(ended.deliveries());
        assertThat(claimed).allMatch(DeliveryJob::orderReleased);
    }

    @Test
    void other_conversations_and_a_webhook_that_opts_out_are_not_held_back() {
        Webhook unordered = givenUnorderedWebhook(workspace, first.agentId(), "https://unordered.example/hooks");
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        events.append(unkeyed(eventIn(call, CONVERSATION_STARTED, t0), t0.plus(Duration.ofDays(1)), first, unordered));
        NewEvent ended = unkeyed(eventIn(call, CONVERSATION_ENDED, t0), t0.minus(MICROSECOND), first, unordered);
        AppendResult endedAppended = events.append(ended);
        NewEvent otherCall = unkeyed(eventFor(first, t0), t0.minus(MICROSECOND), first);
        events.append(otherCall);

        assertThat(endedAppended.held())
                .containsExactly(deliveryTo(ended, first).id());
        assertThat(deliveries.claimDue(t0, t0.plus(LEASE), 10))
                .extracting(DeliveryJob::delivery)
                .containsExactlyInAnyOrder(
                        deliveryTo(ended, unordered), otherCall.deliveries().getFirst());
    }

    /** Appends an event at {@code at} with a delivery to each webhook, due then and leased to nobody. */
    private List<Delivery> appendDue(Instant at, Webhook... to) {
        NewEvent append = unkeyed(eventFor(to[0], at), at.minus(MICROSECOND), to);
        events.append(append);
        return append.deliveries();
    }

    private static Delivery deliveryTo(NewEvent append, Webhook webhook) {
        return append.deliveries().stream()
                .filter(d -> d.webhookId().equals(webhook.id()))
                .findFirst()
                .orElseThrow();
    }

    /** An attempt as it reads back: whole milliseconds, and no Retry-After (it only shaped the next attempt). */
    private static Attempt asStored(Attempt attempt) {
        AttemptResult result = attempt.result();
        return new Attempt(
                attempt.deliveryId(),
                attempt.number(),
                attempt.startedAt(),
                new AttemptResult(
                        result.statusCode(),
                        result.error(),
                        Optional.empty(),
                        Duration.ofMillis(result.took().toMillis()),
                        result.responseExcerpt()));
    }

    private static AttemptResult serverError() {
        return AttemptResult.answered(503, Optional.empty(), Duration.ofMillis(1_000), "try later");
    }

    private ListDeliveriesQuery query(Webhook webhook, int limit, Optional<PageCursor> after) {
        return new ListDeliveriesQuery(workspace, webhook.id(), Optional.empty(), new PageLimit(limit), after);
    }

    private List<Delivery> listed(Webhook webhook, DeliveryStatus status) {
        return deliveries
                .list(new ListDeliveriesQuery(
                        workspace, webhook.id(), Optional.of(status), PageLimit.DEFAULT, Optional.empty()))
                .items();
    }

    private static PageCursor cursorOf(Delivery delivery) {
        return new PageCursor(delivery.createdAt(), delivery.id().value());
    }

    private AgentEvent eventIn(ConversationId conversation, EventType type, Instant at) {
        return new AgentEvent(
                EventId.random(), workspace, first.agentId(), type, Optional.of(conversation), new EventData("{}"), at);
    }

    private static List<DeliveryId> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }
}
