package org.agenthooks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop event generator: sends event number {@code n} at {@code start + n / rate} by the clock (after a
 * warm-up that ramps up to that rate), each on its
 * own virtual thread, so slow answers never slow the schedule (at most {@link #MAX_OUTSTANDING} may be
 * unanswered at once; beyond that an event is counted as dropped rather than sent late).
 */
final class OpenLoop {
    static final int MAX_OUTSTANDING = 2_000;

    /**
     * Per seq: when it was sent (nanoTime), the answer's status and eventId (null unless 202); plus how well the
     * schedule was kept.
     */
    record Run(
            int warmUpCount,
            int total,
            long startNanos,
            long measureFromNanos,
            long endNanos,
            long[] sentNanos,
            int[] status,
            String[] eventIds,
            int dropped,
            long maxLagNanos) {
        int accepted(int from) {
            int count = 0;
            for (int seq = from; seq < total; seq++) {
                count += status[seq] == 202 ? 1 : 0;
            }
            return count;
        }

        int failed(int from) {
            int count = 0;
            for (int seq = from; seq < total; seq++) {
                count += status[seq] != 202 && sentNanos[seq] != 0 ? 1 : 0;
            }
            return count;
        }
    }

    private OpenLoop() {}

    static Run run(EventPoster poster, String agentId, int perSecond, Duration warmUp, Duration measured)
            throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long warmUpNanos = warmUp.toNanos();
        // The warm-up ramps the rate up linearly from a tenth, so a cold JVM is not buried before it is compiled;
        // the measured part then runs at exactly perSecond. Offsets of each event from the start, by the clock:
        List<Long> warmUpOffsets = new ArrayList<>();
        for (long offset = 0; offset < warmUpNanos; ) {
            warmUpOffsets.add(offset);
            offset += (long) (interval / (0.1 + 0.9 * offset / (double) warmUpNanos));
        }
        int warmUpCount = warmUpOffsets.size();
        int total = warmUpCount + (int) (perSecond * measured.toSeconds());
        long[] sent = new long[total];
        int[] status = new int[total];
        String[] eventIds = new String[total];
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        int dropped = 0;
        long maxLag = 0;
        long start = System.nanoTime() + 20_000_000L;
        long measuredStart = start + warmUpNanos;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < total; n++) {
                long due =
                        n < warmUpCount ? start + warmUpOffsets.get(n) : measuredStart + (n - warmUpCount) * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                maxLag = Math.max(maxLag, System.nanoTime() - due);
                if (!outstanding.tryAcquire()) {
                    dropped++;
                    continue;
                }
                int seq = n;
                senders.execute(() -> {
                    try {
                        byte[] event = Payloads.event(agentId, seq);
                        sent[seq] = System.nanoTime();
                        EventPoster.Answer answer = poster.post(event);
                        eventIds[seq] = answer.eventId();
                        status[seq] = answer.status();
                    } finally {
                        outstanding.release();
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        }
        long end = measuredStart + (total - warmUpCount) * interval;
        return new Run(warmUpCount, total, start, measuredStart, end, sent, status, eventIds, dropped, maxLag);
    }
}
