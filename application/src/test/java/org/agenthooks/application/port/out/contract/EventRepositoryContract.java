package org.agenthooks.application.port.out.contract;

import static org.agenthooks.domain.event.EventType.CONVERSATION_ENDED;
import static org.agenthooks.domain.event.EventType.WEBHOOK_TEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link EventRepository} does: appends (each stores its deliveries, seen through the
 * {@link DeliveryRepository} over the same store), idempotency keys, finding and purging events. Subclass it once
 * per implementation.
 */
public abstract class EventRepositoryContract extends EventAndDeliveryFixture {
    @Test
    void an_appended_event_is_found_exactly_as_it_was() {
        AgentEvent full = new AgentEvent(
                EventId.random(),
                workspace,
                first.agentId(),
                CONVERSATION_ENDED,
                Optional.of(new ConversationId("call-7:a.b_c")),
                new EventData("{\"text\":\"Ünïcode 🚀 \\\"quoted\\\"\\n\",\"n\":[1,2.5,null,true],\"o\":{}}"),
                t0);
        AgentEvent bare = new AgentEvent(
                EventId.random(),
                workspace,
                first.agentId(),
                WEBHOOK_TEST,
                Optional.empty(),
                new EventData("{}"),
                t0.plus(MICROSECOND));

        events.append(unkeyed(full, t0));
        events.append(unkeyed(bare, t0));

        assertThat(events.find(workspace, full.id())).contains(full.numbered(1));
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
        assertThat(deliveries.forEvent(workspace, event.id()))
                .containsExactlyElementsOf(inIdOrder(append.deliveries()));
        assertThat(deliveries.find(workspace, append.deliveries().getFirst().id()))
                .contains(append.deliveries().getFirst());
        assertThat(deliveries.forEvent(otherWorkspace, event.id())).isEmpty();
        assertThat(deliveries.find(
                        otherWorkspace, append.deliveries().getFirst().id()))
                .isEmpty();
    }

    @Test
    void a_delivery_to_a_webhook_removed_meanwhile_is_skipped_and_the_event_stored_for_the_others() {
        AgentEvent event = eventFor(first, t0);
        NewEvent append = unkeyed(event, t0, first, second);
        repositories.webhooks().remove(workspace, second.id());

        AppendResult result = events.append(append);

        assertThat(result)
                .isEqualTo(new AppendResult(
                        event.id(), 1, false, Set.of(append.deliveries().get(1).id())));
        assertThat(events.find(workspace, event.id())).contains(event);
        assertThat(deliveries.forEvent(workspace, event.id()))
                .containsExactly(append.deliveries().getFirst());
    }

    @Test
    void a_repeat_reports_the_deliveries_stored_not_those_asked_for() {
        repositories.webhooks().remove(workspace, second.id());
        AgentEvent original = eventFor(first, t0);
        events.append(keyed(original, "order-42", t0.minusSeconds(60), first, second));

        AppendResult repeat = events.append(keyed(eventFor(first, t0), "order-42", t0.minusSeconds(60), first, second));

        assertThat(repeat).isEqualTo(new AppendResult(original.id(), 1, true));
    }

    @Test
    void appends_to_a_removed_webhook_from_sixteen_threads_fail_none_of_the_others() throws Exception {
        repositories.webhooks().remove(workspace, second.id());
        List<NewEvent> appends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            AgentEvent event = eventFor(first, t0.plus(MICROSECOND.multipliedBy(i)));
            appends.add(i % 2 == 0 ? unkeyed(event, t0, first) : unkeyed(event, t0, first, second));
        }

        // Started together, so that the committer groups them.
        CyclicBarrier start = new CyclicBarrier(16);
        List<AppendResult> results = concurrently(
                16,
                appends.stream()
                        .map(append -> (Callable<AppendResult>) () -> {
                            start.await();
                            return events.append(append);
                        })
                        .toList());

        assertThat(results).extracting(AppendResult::deliveries).containsOnly(1);
        for (NewEvent append : appends) {
            assertThat(deliveries.forEvent(workspace, append.event().id()))
                    .containsExactly(append.deliveries().getFirst());
        }
    }

    @Test
    void a_list_appended_at_once_answers_for_each_event_in_its_order() {
        repositories.webhooks().remove(workspace, second.id());
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        AgentEvent plain = eventFor(first, t0);
        AgentEvent toRemoved = eventFor(first, t0.plus(MICROSECOND));
        AgentEvent firstOfCall = eventIn(Optional.of(call));
        AgentEvent secondOfCall = eventIn(Optional.of(call));
        NewEvent skipping = unkeyed(toRemoved, t0, first, second);

        List<AppendResult> results = events.appendAll(
                List.of(unkeyed(plain, t0, first), skipping, unkeyed(firstOfCall, t0), unkeyed(secondOfCall, t0)));

        assertThat(results)
                .extracting(AppendResult::eventId)
                .containsExactly(plain.id(), toRemoved.id(), firstOfCall.id(), secondOfCall.id());
        assertThat(results.get(0)).isEqualTo(new AppendResult(plain.id(), 1, false));
        assertThat(results.get(1))
                .isEqualTo(new AppendResult(
                        toRemoved.id(),
                        1,
                        false,
                        Set.of(skipping.deliveries().get(1).id())));
        assertThat(results.get(2).sequence()).hasValue(1);
        assertThat(results.get(3).sequence()).hasValue(2);
        assertThat(events.find(workspace, plain.id())).contains(plain);
        assertThat(deliveries.forEvent(workspace, toRemoved.id()))
                .containsExactly(skipping.deliveries().getFirst());
    }

    @Test
    void the_second_event_of_a_list_with_the_key_of_the_first_is_its_repeat() {
        AgentEvent original = eventFor(first, t0);
        AgentEvent again = eventFor(first, t0.plus(MICROSECOND));

        List<AppendResult> results = events.appendAll(List.of(
                keyed(original, "order-43", t0.minusSeconds(60), first, second),
                keyed(again, "order-43", t0.minusSeconds(60), first)));
        AppendResult later = events.append(keyed(eventFor(first, t0), "order-43", t0.minusSeconds(60), first));

        assertThat(results)
                .containsExactly(new AppendResult(original.id(), 2, false), new AppendResult(original.id(), 2, true));
        assertThat(later).isEqualTo(new AppendResult(original.id(), 2, true));
        assertThat(events.find(workspace, again.id())).isEmpty();
        assertThat(deliveries.forEvent(workspace, again.id())).isEmpty();
    }

    @Test
    void lists_appended_from_eight_threads_are_all_stored_each_answered_in_its_order() throws Exception {
        List<List<NewEvent>> lists = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<NewEvent> list = new ArrayList<>();
            for (int j = 0; j < 30; j++) {
                list.add(unkeyed(eventFor(first, t0.plus(MICROSECOND.multipliedBy(i * 30L + j))), t0, first));
            }
            lists.add(list);
        }
        CyclicBarrier start = new CyclicBarrier(8);

        List<List<AppendResult>> results = concurrently(
                8,
                lists.stream()
                        .map(list -> (Callable<List<AppendResult>>) () -> {
                            start.await();
                            return events.appendAll(list);
                        })
                        .toList());

        for (int i = 0; i < lists.size(); i++) {
            assertThat(results.get(i))
                    .extracting(AppendResult::eventId)
                    .containsExactlyElementsOf(lists.get(i).stream()
                            .map(append -> append.event().id())
                            .toList());
            for (NewEvent append : lists.get(i)) {
                assertThat(events.find(workspace, append.event().id())).contains(append.event());
            }
        }
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
            appends.add(i % 2 == 0 ? unkeyed(event, t0, first) : keyed(event, "key-" + i, t0.minusSeconds(60), first));
        }

        List<AppendResult> results = concurrently(
                16,
                appends.stream()
                        .map(append -> (Callable<AppendResult>) () -> events.append(append))
                        .toList());

        for (int i = 0; i < appends.size(); i++) {
            AgentEvent event = appends.get(i).event();
            assertThat(results.get(i)).isEqualTo(new AppendResult(event.id(), 1, false));
            assertThat(events.find(workspace, event.id())).contains(event);
            assertThat(deliveries.forEvent(workspace, event.id()))
                    .isEqualTo(appends.get(i).deliveries());
        }
    }

    @Test
    void appends_racing_with_one_key_store_one_event() throws Exception {
        CyclicBarrier start = new CyclicBarrier(16);
        List<NewEvent> appends = IntStream.range(0, 16)
                .mapToObj(i -> keyed(
                        eventFor(first, t0.plus(MICROSECOND.multipliedBy(i))), "raced", t0.minusSeconds(60), first))
                .toList();

        List<AppendResult> results = concurrently(
                16,
                appends.stream()
                        .map(append -> (Callable<AppendResult>) () -> {
                            start.await();
                            return events.append(append);
                        })
                        .toList());

        List<AppendResult> stored =
                results.stream().filter(result -> !result.repeat()).toList();
        assertThat(stored).hasSize(1);
        EventId winner = stored.getFirst().eventId();
        assertThat(results).allSatisfy(result -> assertThat(result.eventId()).isEqualTo(winner));
        assertThat(appends)
                .allSatisfy(append -> assertThat(
                                events.find(workspace, append.event().id()).isPresent())
                        .isEqualTo(append.event().id().equals(winner)));
    }

    @Test
    void a_purge_deletes_old_events_that_have_nothing_pending_with_their_deliveries_and_attempts() {
        Instant cutoff = t0.plus(Duration.ofHours(1));
        Delivery succeeded = appendLeased(t0, first).getFirst();
        Delivery failed = appendLeased(t0.plusSeconds(1), second).getFirst();
        RecordedAttempt success = attempt(succeeded, ok(), t0.plusSeconds(2));
        deliveries.recordAttempts(List.of(
                success,
                attempt(failed, AttemptResult.answered(410, Optional.empty(), Duration.ZERO, ""), t0.plusSeconds(2))));
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
        List<AgentEvent> old = IntStream.range(0, 5)
                .mapToObj(i -> eventFor(first, t0.plusSeconds(i)))
                .toList();
        old.forEach(event -> events.append(unkeyed(event, t0)));
        Instant cutoff = t0.plus(Duration.ofHours(1));

        assertThat(events.purge(cutoff, 2)).isEqualTo(2);
        assertThat(old.stream()
                        .filter(event -> events.find(workspace, event.id()).isPresent()))
                .hasSize(3);
        assertThat(events.purge(cutoff, 2)).isEqualTo(2);
        assertThat(events.purge(cutoff, 2)).isEqualTo(1);
        assertThat(old)
                .allSatisfy(
                        event -> assertThat(events.find(workspace, event.id())).isEmpty());
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
        assertThat(events.find(workspace, keyedLongAgo.id()))
                .as("its delivery is still pending")
                .isPresent();
    }

    private static NewEvent keyed(AgentEvent event, String key, Instant keyNotBefore, Webhook... to) {
        return new NewEvent(
                event,
                Optional.of(new IdempotencyKey(key)),
                keyNotBefore,
                deliveriesOf(event, to),
                event.occurredAt().plus(LEASE));
    }

    private static List<Delivery> inIdOrder(List<Delivery> deliveries) {
        return deliveries.stream()
                .sorted(Comparator.comparing(delivery -> delivery.id().value()))
                .toList();
    }

    @Test
    void the_events_of_a_conversation_are_numbered_in_append_order_and_others_are_not() {
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        ConversationId otherCall = new ConversationId("call-" + EventId.random().value());
        List<AppendResult> results = new ArrayList<>();
        for (ConversationId conversation : List.of(call, call, otherCall, call)) {
            results.add(events.append(unkeyed(eventIn(Optional.of(conversation)), t0)));
        }
        AgentEvent none = eventIn(Optional.empty());
        AppendResult unnumbered = events.append(unkeyed(none, t0));

        assertThat(results).extracting(result -> result.sequence().getAsLong()).containsExactly(1L, 2L, 1L, 3L);
        assertThat(unnumbered.sequence()).isEmpty();
        AgentEvent third = events.find(workspace, results.get(3).eventId()).orElseThrow();
        assertThat(third.sequence()).hasValue(3);
        assertThat(new String(third.payload(), StandardCharsets.UTF_8))
                .contains("\"conversationId\":\"" + call.value() + "\",\"sequence\":3,\"data\"");
        assertThat(events.find(workspace, none.id()).orElseThrow().payload()).isEqualTo(none.payload());
    }

    @Test
    void appends_from_many_threads_number_one_conversation_without_gaps_or_repeats() throws Exception {
        ConversationId call = new ConversationId("call-" + EventId.random().value());
        List<Callable<Long>> appends = IntStream.range(0, 60)
                .<Callable<Long>>mapToObj(i -> () -> events.append(unkeyed(eventIn(Optional.of(call)), t0, first))
                        .sequence()
                        .getAsLong())
                .toList();

        List<Long> sequences = concurrently(6, appends);

        assertThat(sequences)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 60).boxed().toList());
    }

    @Test
    void a_conversation_whose_events_are_all_purged_is_numbered_from_one_again() {
        ConversationId purgedCall =
                new ConversationId("call-" + EventId.random().value());
        ConversationId keptCall = new ConversationId("call-" + EventId.random().value());
        events.append(unkeyed(eventIn(Optional.of(purgedCall), t0.minusSeconds(10)), t0));
        events.append(unkeyed(eventIn(Optional.of(purgedCall), t0.minusSeconds(10)), t0));
        events.append(unkeyed(eventIn(Optional.of(keptCall), t0.minusSeconds(10)), t0));
        events.append(unkeyed(eventIn(Optional.of(keptCall), t0.plusSeconds(10)), t0));

        while (events.purge(t0, 100) == 100) {
            // purges every event of earlier tests too, a hundred at a time
        }

        assertThat(events.append(unkeyed(eventIn(Optional.of(purgedCall), t0), t0))
                        .sequence())
                .hasValue(1);
        assertThat(events.append(unkeyed(eventIn(Optional.of(keptCall), t0), t0))
                        .sequence())
                .hasValue(3);
    }

    private AgentEvent eventIn(Optional<ConversationId> conversation) {
        return eventIn(conversation, t0);
    }

    private AgentEvent eventIn(Optional<ConversationId> conversation, Instant at) {
        return new AgentEvent(
                EventId.random(),
                workspace,
                first.agentId(),
                CONVERSATION_ENDED,
                conversation,
                new EventData("{}"),
                at);
    }
}
