package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.application.port.in.EndpointState;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.testing.Eventually;
import org.agenthooks.application.testing.ScriptedWebhookSender;
import org.agenthooks.application.testing.TestClock;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

class EndpointLanesTest {
    private static final AgentEvent EVENT = new AgentEvent(
            EventId.random(),
            WORKSPACE,
            AGENT,
            EventType.CONVERSATION_ENDED,
            Optional.empty(),
            new EventData("{}"),
            START);

    /** Retry-After is honoured up to twice the scheduled wait: up to 2 minutes for the first retry. */
    private static final RetrySchedule SCHEDULE =
            new RetrySchedule(List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1)), 0);

    private final List<DeliveryJob> started = new CopyOnWriteArrayList<>();
    private final List<Postponed> postponed = new CopyOnWriteArrayList<>();
    private final AtomicInteger circuitsOpened = new AtomicInteger();
    private final List<Held> held = new CopyOnWriteArrayList<>();
    private final TestClock clock = new TestClock(START);

    private static DeliveryJob job(String url) {
        return new DeliveryJob(
                Delivery.of(EVENT, WebhookId.random(), START),
                new WebhookUrl(url),
                SigningSecrets.of(GIVEN_SECRET),
                EVENT.payload());
    }

    private List<WebhookUrl> startedUrls() {
        return started.stream().map(DeliveryJob::url).toList();
    }

    private EndpointLanes lanes(int perEndpoint) {
        return new EndpointLanes(
                perEndpoint,
                SCHEDULE,
                clock,
                started::add,
                this::postpone,
                circuitsOpened::incrementAndGet,
                (webhookIds, until) -> held.add(new Held(webhookIds, until)));
    }

    private record Held(Set<WebhookId> webhookIds, Instant until) {}

    private static Set<WebhookId> webhooksOf(List<DeliveryJob> jobs) {
        return jobs.stream().map(job -> job.delivery().webhookId()).collect(Collectors.toSet());
    }

    private void postpone(List<DeliveryJob> jobs, Instant dueAt) {
        jobs.forEach(job -> postponed.add(new Postponed(job, dueAt)));
    }

    private record Postponed(DeliveryJob job, Instant dueAt) {}

    /** The job's attempt ended now with {@code result}, having started a moment ago. */
    private void ended(EndpointLanes lanes, DeliveryJob job, AttemptResult result) {
        lanes.finished(job, clock.instant().minusMillis(1), result);
    }

    private void ended(EndpointLanes lanes, DeliveryJob job) {
        ended(lanes, job, ScriptedWebhookSender.ok());
    }

    @Test
    void up_to_the_limit_jobs_of_one_endpoint_start_at_once_and_the_rest_wait() {
        EndpointLanes lanes = lanes(2);
        DeliveryJob one = job("https://a.example.com/1");
        DeliveryJob two = job("https://a.example.com/2");
        DeliveryJob three = job("https://a.example.com/3");

        lanes.offer(one);
        lanes.offer(two);
        lanes.offer(three);

        assertThat(startedUrls()).containsExactly(one.url(), two.url());
    }

    @Test
    void waiting_jobs_start_in_the_order_they_came_as_running_ones_finish() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob one = job("https://a.example.com/1");
        DeliveryJob two = job("https://a.example.com/2");
        DeliveryJob three = job("https://a.example.com/3");
        lanes.offer(one);
        lanes.offer(two);
        lanes.offer(three);

        ended(lanes, one);
        assertThat(startedUrls()).containsExactly(one.url(), two.url());

        ended(lanes, two);
        assertThat(startedUrls()).containsExactly(one.url(), two.url(), three.url());
    }

    @Test
    void a_finished_job_starts_only_one_waiting_job() {
        EndpointLanes lanes = lanes(2);
        List<DeliveryJob> jobs = List.of(
                job("https://a.example.com/1"),
                job("https://a.example.com/2"),
                job("https://a.example.com/3"),
                job("https://a.example.com/4"),
                job("https://a.example.com/5"));
        jobs.forEach(lanes::offer);

        ended(lanes, jobs.get(0));

        assertThat(startedUrls())
                .containsExactly(
                        jobs.get(0).url(), jobs.get(1).url(), jobs.get(2).url());
    }

    @Test
    void a_full_endpoint_does_not_hold_up_another() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob slow = job("https://slow.example.com/1");
        DeliveryJob queued = job("https://slow.example.com/2");
        DeliveryJob fast = job("https://fast.example.com/1");

        lanes.offer(slow);
        lanes.offer(queued);
        lanes.offer(fast);

        assertThat(startedUrls()).containsExactly(slow.url(), fast.url());
    }

    @Test
    void scheme_host_and_port_make_the_endpoint_and_the_path_does_not() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob first = job("https://a.example.com/one?x=1");
        DeliveryJob samePlaceOtherPath = job("https://a.example.com/two");
        DeliveryJob otherPort = job("https://a.example.com:8443/one");
        DeliveryJob otherScheme = job("http://a.example.com/one");
        DeliveryJob otherHost = job("https://b.example.com/one");

        List.of(first, samePlaceOtherPath, otherPort, otherScheme, otherHost).forEach(lanes::offer);

        assertThat(startedUrls()).containsExactly(first.url(), otherPort.url(), otherScheme.url(), otherHost.url());
    }

    @Test
    void the_default_port_written_out_is_the_same_endpoint() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob implicit = job("https://a.example.com/hooks");
        DeliveryJob explicit = job("https://a.example.com:443/hooks");
        DeliveryJob plainImplicit = job("http://b.example.com/hooks");
        DeliveryJob plainExplicit = job("http://b.example.com:80/hooks");

        List.of(implicit, explicit, plainImplicit, plainExplicit).forEach(lanes::offer);

        assertThat(startedUrls()).containsExactly(implicit.url(), plainImplicit.url());
    }

    @Test
    void host_names_differing_only_in_case_are_the_same_endpoint() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob lower = job("https://a.example.com/hooks");
        DeliveryJob upper = job("HTTPS://A.Example.COM/hooks");

        lanes.offer(lower);
        lanes.offer(upper);

        assertThat(startedUrls()).containsExactly(lower.url());
    }

    @Test
    void once_every_job_of_an_endpoint_has_finished_the_next_starts_at_once() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob one = job("https://a.example.com/1");
        DeliveryJob two = job("https://a.example.com/2");
        lanes.offer(one);
        ended(lanes, one);

        lanes.offer(two);

        assertThat(startedUrls()).containsExactly(one.url(), two.url());
    }

    @Test
    void draining_takes_only_the_jobs_that_have_not_started() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob runningA = job("https://a.example.com/1");
        DeliveryJob waitingA1 = job("https://a.example.com/2");
        DeliveryJob waitingA2 = job("https://a.example.com/3");
        DeliveryJob runningB = job("https://b.example.com/1");
        DeliveryJob waitingB = job("https://b.example.com/2");
        List.of(runningA, waitingA1, waitingA2, runningB, waitingB).forEach(lanes::offer);

        List<DeliveryJob> drained = lanes.drainWaiting();

        assertThat(drained)
                .extracting(DeliveryJob::url)
                .containsExactlyInAnyOrder(waitingA1.url(), waitingA2.url(), waitingB.url());
        assertThat(lanes.drainWaiting()).isEmpty();
    }

    @Test
    void drained_jobs_are_not_started_when_the_running_ones_finish() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob running = job("https://a.example.com/1");
        DeliveryJob waiting = job("https://a.example.com/2");
        lanes.offer(running);
        lanes.offer(waiting);
        lanes.drainWaiting();

        ended(lanes, running);

        assertThat(startedUrls()).containsExactly(running.url());
    }

    @Test
    void draining_with_nothing_waiting_gives_nothing() {
        EndpointLanes lanes = lanes(3);
        lanes.offer(job("https://a.example.com/1"));

        assertThat(lanes.drainWaiting()).isEmpty();
    }

    @Test
    void an_endpoint_answering_429_runs_fewer_attempts_at_once() {
        EndpointLanes lanes = lanes(4);
        List<DeliveryJob> jobs = IntStream.range(0, 8)
                .mapToObj(i -> job("https://a.example.com/" + i))
                .toList();
        jobs.forEach(lanes::offer);
        assertThat(started).hasSize(4);

        clock.advance(Duration.ofMillis(5));
        ended(lanes, jobs.get(0), ScriptedWebhookSender.status(429));

        assertThat(lanes.endpointHealth("https://a.example.com:443")
                        .orElseThrow()
                        .limit())
                .isEqualTo(2);
        assertThat(started).as("three still run, above the new limit of two").hasSize(4);
    }

    @Test
    void after_five_attempts_in_a_row_without_an_answer_the_circuit_opens_and_waiting_jobs_are_postponed() {
        EndpointLanes lanes = lanes(5);
        List<DeliveryJob> jobs = IntStream.range(0, 8)
                .mapToObj(i -> job("https://dead.example.com/" + i))
                .toList();
        jobs.forEach(lanes::offer);

        for (DeliveryJob running : jobs.subList(0, 5)) {
            clock.advance(Duration.ofMillis(1));
            ended(lanes, running, ScriptedWebhookSender.refused());
        }

        assertThat(started).hasSize(5);
        assertThat(circuitsOpened).hasValue(1);
        Instant probeAt = clock.instant().plus(CircuitBreaker.FIRST_OPENING);
        assertThat(postponed)
                .containsExactly(
                        new Postponed(jobs.get(5), probeAt),
                        new Postponed(jobs.get(6), probeAt),
                        new Postponed(jobs.get(7), probeAt));
        assertThat(lanes.endpointHealth("https://dead.example.com:443").orElseThrow())
                .isEqualTo(new EndpointHealth(EndpointState.OPEN, 1, 0, Optional.empty()));
        assertThat(lanes.openEndpoints()).isEqualTo(1);
    }

    @Test
    void an_open_circuit_postpones_new_jobs_then_lets_one_probe_through_and_closes_when_it_is_answered() {
        EndpointLanes lanes = lanes(5);
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            DeliveryJob failing = job("https://dead.example.com/" + i);
            lanes.offer(failing);
            ended(lanes, failing, ScriptedWebhookSender.refused());
        }
        DeliveryJob meanwhile = job("https://dead.example.com/meanwhile");
        lanes.offer(meanwhile);
        assertThat(postponed).containsExactly(new Postponed(meanwhile, START.plus(CircuitBreaker.FIRST_OPENING)));

        clock.advance(CircuitBreaker.FIRST_OPENING);
        DeliveryJob probe = job("https://dead.example.com/probe");
        DeliveryJob second = job("https://dead.example.com/second");
        lanes.offer(probe);
        lanes.offer(second);

        assertThat(started).endsWith(probe);
        assertThat(started).doesNotContain(second);
        assertThat(postponed).extracting(Postponed::job).containsExactly(meanwhile, second);
        assertThat(lanes.endpointHealth("https://dead.example.com:443")
                        .orElseThrow()
                        .state())
                .isEqualTo(EndpointState.HALF_OPEN);

        ended(lanes, probe);
        DeliveryJob after = job("https://dead.example.com/after");
        lanes.offer(after);

        assertThat(started).endsWith(after);
        assertThat(lanes.endpointHealth("https://dead.example.com:443")
                        .orElseThrow()
                        .state())
                .isEqualTo(EndpointState.CLOSED);
        assertThat(lanes.openEndpoints()).isZero();
    }

    @Test
    void the_stored_backlog_of_the_endpoints_webhooks_is_held_when_the_circuit_opens_and_while_the_probe_is_out() {
        EndpointLanes lanes = lanes(5);
        List<DeliveryJob> failing = IntStream.range(0, CircuitBreaker.FAILURES_TO_OPEN)
                .mapToObj(i -> job("https://dead.example.com/" + i))
                .toList();
        failing.forEach(lanes::offer);
        DeliveryJob elsewhere = job("https://calm.example.com/1");
        lanes.offer(elsewhere);
        failing.forEach(job -> ended(lanes, job, ScriptedWebhookSender.refused()));

        Instant probeAt = START.plus(CircuitBreaker.FIRST_OPENING);
        assertThat(held).containsExactly(new Held(webhooksOf(failing), probeAt));

        clock.advance(CircuitBreaker.FIRST_OPENING);
        DeliveryJob probe = job("https://dead.example.com/probe");
        lanes.offer(probe);
        List<DeliveryJob> all = new ArrayList<>(failing);
        all.add(probe);
        assertThat(held)
                .as("while the probe is out, as the jobs offered meanwhile")
                .endsWith(new Held(webhooksOf(all), probeAt.plus(CircuitBreaker.FIRST_OPENING)));

        clock.advance(Duration.ofSeconds(1));
        ended(lanes, probe, ScriptedWebhookSender.refused());
        assertThat(held)
                .as("until the next probe, twice as far off")
                .endsWith(
                        new Held(webhooksOf(all), clock.instant().plus(CircuitBreaker.FIRST_OPENING.multipliedBy(2))));
        assertThat(held).hasSize(3);
        assertThat(held)
                .allSatisfy(hold -> assertThat(hold.webhookIds())
                        .doesNotContain(elsewhere.delivery().webhookId()));
    }

    @Test
    void a_webhook_seen_only_before_the_endpoint_last_answered_has_no_backlog_held_there() {
        EndpointLanes lanes = lanes(5);
        DeliveryJob answered = job("https://flaky.example.com/moved-away");
        lanes.offer(answered);
        ended(lanes, answered);
        List<DeliveryJob> failing = IntStream.range(0, CircuitBreaker.FAILURES_TO_OPEN)
                .mapToObj(i -> job("https://flaky.example.com/" + i))
                .toList();
        failing.forEach(lanes::offer);

        failing.forEach(job -> ended(lanes, job, ScriptedWebhookSender.refused()));

        assertThat(held).extracting(Held::webhookIds).containsExactly(webhooksOf(failing));
    }

    @Test
    void a_429_with_retry_after_holds_the_endpoints_stored_backlog_until_then() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob limited = job("https://busy.example.com/1");
        lanes.offer(limited);

        ended(lanes, limited, ScriptedWebhookSender.status(429, Duration.ofSeconds(30)));

        assertThat(held).containsExactly(new Held(webhooksOf(List.of(limited)), START.plusSeconds(30)));
    }

    @Test
    void a_429_with_retry_after_pauses_the_whole_endpoint_and_postpones_its_jobs_until_then() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob limited = job("https://busy.example.com/1");
        DeliveryJob waiting = job("https://busy.example.com/2");
        DeliveryJob other = job("https://calm.example.com/1");
        lanes.offer(limited);
        lanes.offer(waiting);

        ended(lanes, limited, ScriptedWebhookSender.status(429, Duration.ofSeconds(30)));
        DeliveryJob later = job("https://busy.example.com/3");
        lanes.offer(later);
        lanes.offer(other);

        Instant until = START.plusSeconds(30);
        assertThat(postponed).containsExactly(new Postponed(waiting, until), new Postponed(later, until));
        assertThat(started).containsExactly(limited, other);
        assertThat(lanes.endpointHealth("https://busy.example.com:443")
                        .orElseThrow()
                        .pausedUntil())
                .contains(until);

        clock.advance(Duration.ofSeconds(30));
        DeliveryJob afterPause = job("https://busy.example.com/4");
        lanes.offer(afterPause);
        assertThat(started).endsWith(afterPause);
        assertThat(lanes.endpointHealth("https://busy.example.com:443")
                        .orElseThrow()
                        .pausedUntil())
                .isEmpty();
    }

    @Test
    void a_retry_after_on_a_500_pauses_only_that_delivery_not_the_endpoint() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob failing = job("https://a.example.com/1");
        DeliveryJob waiting = job("https://a.example.com/2");
        lanes.offer(failing);
        lanes.offer(waiting);

        ended(lanes, failing, ScriptedWebhookSender.status(500, Duration.ofSeconds(30)));

        assertThat(postponed).isEmpty();
        assertThat(started).containsExactly(failing, waiting);
    }

    @Test
    void an_endpoint_is_paused_no_longer_than_the_delivery_that_got_the_retry_after_waits() {
        EndpointLanes lanes = lanes(1);
        DeliveryJob limited = job("https://busy.example.com/1");
        lanes.offer(limited);

        ended(lanes, limited, ScriptedWebhookSender.status(503, Duration.ofDays(365)));

        assertThat(lanes.endpointHealth("https://busy.example.com:443")
                        .orElseThrow()
                        .pausedUntil())
                .contains(START.plus(Duration.ofMinutes(2)));
    }

    @Test
    void an_endpoint_never_sent_to_has_no_health() {
        EndpointLanes lanes = lanes(2);

        assertThat(lanes.endpointHealth("https://a.example.com:443")).isEmpty();
    }

    @Test
    void under_concurrent_offers_no_endpoint_ever_runs_more_than_its_limit_and_every_job_runs()
            throws InterruptedException {
        int perEndpoint = 3;
        int jobs = 300;
        AtomicInteger[] running = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] most = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger done = new AtomicInteger();
        List<String> endpoints = List.of("https://a.example.com/", "https://b.example.com/");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            EndpointLanes[] lanes = new EndpointLanes[1];
            lanes[0] = new EndpointLanes(
                    perEndpoint,
                    SCHEDULE,
                    clock,
                    job -> threads.execute(() -> {
                        int lane = job.url().host().startsWith("a") ? 0 : 1;
                        most[lane].accumulateAndGet(running[lane].incrementAndGet(), Math::max);
                        sleep(Duration.ofMillis(1));
                        running[lane].decrementAndGet();
                        done.incrementAndGet();
                        lanes[0].finished(job, START, ScriptedWebhookSender.ok());
                    }),
                    this::postpone,
                    () -> {});
            for (int i = 0; i < jobs; i++) {
                DeliveryJob job = job(endpoints.get(i % 2) + i);
                threads.execute(() -> lanes[0].offer(job));
            }
            Eventually.eventually(
                    Duration.ofSeconds(10), () -> assertThat(done.get()).isEqualTo(jobs));
            threads.shutdown();
            assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(most[0].get()).isBetween(1, perEndpoint);
        assertThat(most[1].get()).isBetween(1, perEndpoint);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
