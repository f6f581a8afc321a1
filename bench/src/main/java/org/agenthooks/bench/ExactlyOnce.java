package org.agenthooks.bench;

import java.time.Duration;
import java.util.Set;

/**
 * After posting stops: waits until every accepted event has arrived (or the drain limit passes), gives late
 * duplicates a moment, then counts what is missing, doubled, or arrived without a 202.
 */
record ExactlyOnce(boolean drained, long drainMillis, long missing, long duplicates, long unexpected) {
    static ExactlyOnce check(Set<String> accepted, Receiver.Recording recording, Duration drainLimit)
            throws InterruptedException {
        long drainStart = System.nanoTime();
        boolean drained = DeliveryBenchmark.await(
                drainLimit, () -> recording.perId.keySet().containsAll(accepted));
        long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
        Thread.sleep(2_000); // late duplicates, if any, would arrive now
        long missing =
                accepted.stream().filter(id -> !recording.perId.containsKey(id)).count();
        long unexpected = recording.perId.keySet().stream()
                .filter(id -> !accepted.contains(id))
                .count();
        return new ExactlyOnce(drained, drainMillis, missing, recording.duplicates(), unexpected);
    }

    boolean holds() {
        return missing == 0 && duplicates == 0 && drained;
    }

    String drainedText() {
        return drained ? "all" : "NOT all";
    }
}
