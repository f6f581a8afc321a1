package org.agenthooks.application.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * One lane per receiving endpoint (the URL's {@link WebhookUrl#origin() origin}: scheme, host and port): at most
 * {@code perEndpoint} attempts run in a lane, the rest wait in it. A slow or dead endpoint thus fills only its
 * own lane, never the whole dispatcher.
 */
final class EndpointLanes {
    private static final class Lane {
        final ArrayDeque<DeliveryJob> waiting = new ArrayDeque<>();
        int running;
    }

    private final Map<String, Lane> lanes = new HashMap<>();
    private final int perEndpoint;
    private final Consumer<DeliveryJob> start;

    EndpointLanes(int perEndpoint, Consumer<DeliveryJob> start) {
        this.perEndpoint = perEndpoint;
        this.start = start;
    }

    void offer(DeliveryJob job) {
        String key = job.url().origin();
        boolean startNow;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            startNow = lane.running < perEndpoint;
            if (startNow) {
                lane.running++;
            } else {
                lane.waiting.add(job);
            }
        }
        if (startNow) {
            start.accept(job);
        }
    }

    /** Called when an attempt of the lane ends: starts the next waiting job of the same endpoint, if any. */
    void finished(DeliveryJob job) {
        String key = job.url().origin();
        DeliveryJob next;
        synchronized (this) {
            Lane lane = lanes.get(key);
            next = lane.waiting.poll();
            if (next == null) {
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(key);
                }
            }
        }
        if (next != null) {
            start.accept(next);
        }
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
