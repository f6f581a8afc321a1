package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.agenthooks.application.port.in.EndpointHealth;
import org.agenthooks.application.port.in.EndpointState;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.RetrySchedule;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * One lane per receiving endpoint (the URL's {@link WebhookUrl#origin() origin}: scheme, host and port): at most
 * its {@link EndpointLimit adaptive limit} of attempts run in a lane, the rest wait in it. A slow or dead endpoint
 * thus fills only its own lane, never the whole dispatcher. While an endpoint's {@link CircuitBreaker circuit} is
 * open, or a {@code Retry-After} pauses it, its jobs do not wait here: they are handed to the {@link Postponer}, due
 * again when the endpoint may be tried; and whenever an endpoint becomes held (its circuit opens, a probe is let
 * through, a {@code Retry-After} pauses it), the {@link BacklogHolder} is told to move the whole stored backlog of its
 * webhooks to then, so that it is not claimed only to be postponed. The state is this process's alone.
 */
final class EndpointLanes implements EndpointHealthSource {
    /** Endpoints remembered at most; beyond, the least recently used idle one is forgotten. */
    private static final int REMEMBERED = 10_000;
    /**
     * Webhooks remembered per endpoint for moving its backlog; deliveries of any beyond are still postponed, one by
     * one as they are claimed.
     */
    private static final int WEBHOOKS_PER_ENDPOINT = 64;

    /** Takes jobs that are not to be attempted now back to the store, due at {@code dueAt}. */
    interface Postponer {
        void postpone(List<DeliveryJob> jobs, Instant dueAt);
    }

    /** Moves the stored backlog of an endpoint's webhooks (what is due before {@code until}) to {@code until}. */
    interface BacklogHolder {
        void hold(Set<WebhookId> webhookIds, Instant until);
    }

    private static final class Lane {
        final ArrayDeque<DeliveryJob> waiting = new ArrayDeque<>();
        final EndpointLimit limit;
        final CircuitBreaker breaker = new CircuitBreaker();
        /**
         * The webhooks whose jobs came since the endpoint last answered: a webhook whose URL has moved elsewhere is
         * forgotten at the next answer, so its backlog is not held for this endpoint's failures.
         */
        final Set<WebhookId> webhooks = new LinkedHashSet<>();

        Instant pausedUntil = Instant.MIN;
        DeliveryId probe;
        int running;

        Lane(int maxInFlight) {
            limit = new EndpointLimit(maxInFlight);
        }

        boolean idle() {
            return running == 0 && waiting.isEmpty();
        }

        /** Until when no new attempt may start, if one may not start now. */
        Optional<Instant> heldUntil(Instant now) {
            if (now.isBefore(pausedUntil)) {
                return Optional.of(pausedUntil);
            }
            return breaker.state() == EndpointState.OPEN ? Optional.of(breaker.openUntil()) : Optional.empty();
        }
    }

    private final Map<String, Lane> lanes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lane> eldest) {
            return size() > REMEMBERED && eldest.getValue().idle();
        }
    };
    private final int maxPerEndpoint;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Consumer<DeliveryJob> start;
    private final Postponer postponer;
    private final Runnable circuitOpened;
    private final BacklogHolder backlog;

    EndpointLanes(
            int maxPerEndpoint,
            RetrySchedule schedule,
            Clock clock,
            Consumer<DeliveryJob> start,
            Postponer postponer,
            Runnable circuitOpened) {
        this(maxPerEndpoint, schedule, clock, start, postponer, circuitOpened, (webhookIds, until) -> {});
    }

    EndpointLanes(
            int maxPerEndpoint,
            RetrySchedule schedule,
            Clock clock,
            Consumer<DeliveryJob> start,
            Postponer postponer,
            Runnable circuitOpened,
            BacklogHolder backlog) {
        this.maxPerEndpoint = maxPerEndpoint;
        this.schedule = schedule;
        this.clock = clock;
        this.start = start;
        this.postponer = postponer;
        this.circuitOpened = circuitOpened;
        this.backlog = backlog;
    }

    void offer(DeliveryJob job) {
        Instant now = clock.instant();
        boolean startNow = false;
        Optional<Instant> postponeTo = Optional.empty();
        Optional<Instant> holdUntil = Optional.empty();
        Set<WebhookId> webhooks = Set.of();
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(job.url().origin(), origin -> new Lane(maxPerEndpoint));
            if (lane.webhooks.size() < WEBHOOKS_PER_ENDPOINT) {
                lane.webhooks.add(job.delivery().webhookId());
            }
            postponeTo = now.isBefore(lane.pausedUntil) ? Optional.of(lane.pausedUntil) : lane.breaker.admit(now);
            if (postponeTo.isEmpty()) {
                if (lane.breaker.state() == EndpointState.HALF_OPEN) {
                    lane.probe = job.delivery().id();
                    startNow = true;
                    // The rest of the backlog waits for the probe's answer, as the jobs offered meanwhile do.
                    holdUntil = lane.breaker.admit(now);
                    webhooks = Set.copyOf(lane.webhooks);
                } else {
                    startNow = lane.running < lane.limit.limit();
                }
                if (startNow) {
                    lane.running++;
                } else {
                    lane.waiting.add(job);
                }
            }
        }
        if (startNow) {
            start.accept(job);
        }
        postponeTo.ifPresent(dueAt -> postponer.postpone(List.of(job), dueAt));
        holdBacklog(webhooks, holdUntil);
    }

    /**
     * Called when an attempt of the lane ends, with its result (null if it was not made or cut short): adapts the
     * endpoint's limit and circuit, then starts as many waiting jobs as the limit allows, or hands them all back if
     * the endpoint may not be tried now.
     */
    void finished(DeliveryJob job, Instant started, AttemptResult result) {
        Instant now = clock.instant();
        List<DeliveryJob> toStart = new ArrayList<>();
        List<DeliveryJob> toPostpone = new ArrayList<>();
        Optional<Instant> heldUntil;
        boolean opened = false;
        Optional<Instant> newlyHeld = Optional.empty();
        Set<WebhookId> webhooks = Set.of();
        synchronized (this) {
            Lane lane = lanes.get(job.url().origin());
            lane.running--;
            boolean wasProbe = job.delivery().id().equals(lane.probe);
            if (wasProbe) {
                lane.probe = null;
            }
            if (result != null) {
                lane.limit.record(result, started, now);
                opened = lane.breaker.record(result, now);
                Optional<Instant> paused = pausedBy(job, result, now).filter(until -> until.isAfter(lane.pausedUntil));
                paused.ifPresent(until -> lane.pausedUntil = until);
                if (opened || paused.isPresent()) {
                    newlyHeld = lane.heldUntil(now);
                    webhooks = Set.copyOf(lane.webhooks);
                }
                if (result.statusCode().isPresent()) {
                    lane.webhooks.clear();
                }
            } else if (wasProbe) {
                lane.breaker.probeLost(now);
            }
            heldUntil = lane.heldUntil(now);
            if (heldUntil.isPresent()) {
                toPostpone.addAll(lane.waiting);
                lane.waiting.clear();
            } else {
                while (lane.running < lane.limit.limit() && !lane.waiting.isEmpty()) {
                    lane.running++;
                    toStart.add(lane.waiting.poll());
                }
            }
        }
        if (opened) {
            circuitOpened.run();
        }
        if (!toPostpone.isEmpty()) {
            postponer.postpone(toPostpone, heldUntil.orElseThrow());
        }
        toStart.forEach(start);
        holdBacklog(webhooks, newlyHeld);
    }

    private void holdBacklog(Set<WebhookId> webhooks, Optional<Instant> until) {
        if (!webhooks.isEmpty()) {
            until.ifPresent(time -> backlog.hold(webhooks, time));
        }
    }

    /**
     * A 429 or 503 with {@code Retry-After} pauses the whole endpoint, not only the one delivery, for as long as
     * asked but no longer than that delivery's schedule honours it (twice its scheduled wait), so a receiver cannot
     * stop its deliveries for a year. None if the delivery's schedule is spent.
     */
    private Optional<Instant> pausedBy(DeliveryJob job, AttemptResult result, Instant now) {
        boolean pausing =
                result.statusCode().map(code -> code == 429 || code == 503).orElse(false);
        if (!pausing || result.retryAfter().isEmpty()) {
            return Optional.empty();
        }
        Duration asked = result.retryAfter().get();
        return schedule.waitAfter(job.delivery().attempts() + 1, result.retryAfter(), () -> 0.0)
                .map(honoured -> now.plus(asked.compareTo(honoured) < 0 ? asked : honoured));
    }

    @Override
    public synchronized Optional<EndpointHealth> endpointHealth(String origin) {
        Lane lane = lanes.get(origin);
        if (lane == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(new EndpointHealth(
                lane.breaker.state(),
                lane.limit.limit(),
                lane.running,
                now.isBefore(lane.pausedUntil) ? Optional.of(lane.pausedUntil) : Optional.empty()));
    }

    /** How many endpoints' circuits are open or half-open now. */
    synchronized int openEndpoints() {
        return (int) lanes.values().stream()
                .filter(lane -> lane.breaker.state() != EndpointState.CLOSED)
                .count();
    }

    /** Takes every job that has not started yet out of the lanes (for a shutdown that hands them back). */
    synchronized List<DeliveryJob> drainWaiting() {
        List<DeliveryJob> waiting = new ArrayList<>();
        lanes.values().forEach(lane -> {
            waiting.addAll(lane.waiting);
            lane.waiting.clear();
        });
        return waiting;
    }
}
