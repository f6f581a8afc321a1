package org.agenthooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Posters that each send the next event as soon as the previous one is answered, until a deadline, spread round
 * robin over one or more services. Counts what was accepted (202) overall, per service and per 100 ms bin of the
 * receiver's recording, so the steady part of a run can be told from its ramp.
 */
final class ClosedLoop {
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicLong notAccepted = new AtomicLong();
    final AtomicLongArray acceptedOn;
    final AtomicLongArray acceptedBins = new AtomicLongArray(10 * 60 * 10);
    private final List<EventPoster> services;
    private final ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor();

    private ClosedLoop(List<EventPoster> services) {
        this.services = services;
        this.acceptedOn = new AtomicLongArray(services.size());
    }

    /** Starts {@code inFlight} posters, stopping at {@code endNanos} or after {@code maxRequests} events. */
    static ClosedLoop start(
            List<EventPoster> services,
            int inFlight,
            long endNanos,
            long maxRequests,
            String agentId,
            Receiver.Recording recording) {
        return start(services, inFlight, 1, endNanos, maxRequests, agentId, recording);
    }

    /**
     * Starts {@code inFlight} posters that each post {@code batchSize} events a request (one at a time through
     * {@code POST /v1/events} when 1, else through {@code POST /v1/events/batch}).
     */
    static ClosedLoop start(
            List<EventPoster> services,
            int inFlight,
            int batchSize,
            long endNanos,
            long maxRequests,
            String agentId,
            Receiver.Recording recording) {
        ClosedLoop loop = new ClosedLoop(services);
        if (batchSize > 1) {
            AtomicLong nextSeq = new AtomicLong();
            for (int i = 0; i < inFlight; i++) {
                int service = i % services.size();
                EventPoster poster = services.get(service);
                loop.posters.execute(() -> {
                    long first;
                    while (System.nanoTime() < endNanos && (first = nextSeq.getAndAdd(batchSize)) < maxRequests) {
                        List<byte[]> events = new ArrayList<>(batchSize);
                        for (long seq = first; seq < first + batchSize; seq++) {
                            events.add(Payloads.event(agentId, seq));
                        }
                        List<String> eventIds = poster.postBatch(events);
                        loop.accepted.addAll(eventIds);
                        loop.acceptedOn.addAndGet(service, eventIds.size());
                        loop.notAccepted.addAndGet(batchSize - eventIds.size());
                        int bin = (int) ((System.nanoTime() - recording.startNanos) / Receiver.Recording.BIN_NANOS);
                        if (bin < loop.acceptedBins.length()) {
                            loop.acceptedBins.addAndGet(bin, eventIds.size());
                        }
                    }
                });
            }
            return loop;
        }
        AtomicLong next = new AtomicLong();
        for (int i = 0; i < inFlight; i++) {
            int service = i % services.size();
            EventPoster poster = services.get(service);
            loop.posters.execute(() -> {
                long seq;
                while (System.nanoTime() < endNanos && (seq = next.getAndIncrement()) < maxRequests) {
                    EventPoster.Answer answer = poster.post(Payloads.event(agentId, seq));
                    if (answer.accepted()) {
                        loop.accepted.add(answer.eventId());
                        loop.acceptedOn.incrementAndGet(service);
                        int bin = (int) ((System.nanoTime() - recording.startNanos) / Receiver.Recording.BIN_NANOS);
                        if (bin < loop.acceptedBins.length()) {
                            loop.acceptedBins.incrementAndGet(bin);
                        }
                    } else {
                        loop.notAccepted.incrementAndGet();
                    }
                }
            });
        }
        return loop;
    }

    /** Waits for the posters to stop and reports each service's first problem, if any. */
    void finish(String scenario) throws InterruptedException {
        posters.shutdown();
        posters.awaitTermination(60, TimeUnit.SECONDS);
        for (EventPoster poster : services) {
            if (poster.firstProblem() != null) {
                System.out.println("[bench] " + scenario + ": first problem posting: " + poster.firstProblem());
            }
        }
    }

    /** Events accepted per second in the receiver's bins from {@code from} to {@code to} (nanoTime). */
    double acceptedPerSecond(Receiver.Recording recording, long from, long to) {
        long inWindow = 0;
        int fromBin = (int) Math.ceil((from - recording.startNanos) / (double) Receiver.Recording.BIN_NANOS);
        int toBin = (int) ((to - recording.startNanos) / Receiver.Recording.BIN_NANOS);
        for (int bin = fromBin; bin < toBin; bin++) {
            inWindow += acceptedBins.get(bin);
        }
        return inWindow / recording.binnedSeconds(from, to);
    }
}
