package org.agenthooks.application.delivery;

import static org.agenthooks.application.testing.Fixtures.AGENT;
import static org.agenthooks.application.testing.Fixtures.GIVEN_SECRET;
import static org.agenthooks.application.testing.Fixtures.START;
import static org.agenthooks.application.testing.Fixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.testing.Eventually;
import org.agenthooks.domain.delivery.Delivery;
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

    private final List<DeliveryJob> started = new CopyOnWriteArrayList<>();

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
        return new EndpointLanes(perEndpoint, started::add);
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

        lanes.finished(one);
        assertThat(startedUrls()).containsExactly(one.url(), two.url());

        lanes.finished(two);
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

        lanes.finished(jobs.get(0));

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
        lanes.finished(one);

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

        lanes.finished(running);

        assertThat(startedUrls()).containsExactly(running.url());
    }

    @Test
    void draining_with_nothing_waiting_gives_nothing() {
        EndpointLanes lanes = lanes(3);
        lanes.offer(job("https://a.example.com/1"));

        assertThat(lanes.drainWaiting()).isEmpty();
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
                    job -> threads.execute(() -> {
                        int lane = job.url().host().startsWith("a") ? 0 : 1;
                        most[lane].accumulateAndGet(running[lane].incrementAndGet(), Math::max);
                        sleep(Duration.ofMillis(1));
                        running[lane].decrementAndGet();
                        done.incrementAndGet();
                        lanes[0].finished(job);
                    }));
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
