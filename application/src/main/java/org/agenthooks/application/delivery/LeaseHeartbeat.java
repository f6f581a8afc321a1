package org.agenthooks.application.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.HeldLease;
import org.agenthooks.domain.delivery.DeliveryId;

/**
 * Keeps the leases of every delivery this process holds (waiting in a lane, in flight, or with its outcome waiting
 * to be stored) by renewing them all every fifth of a lease in one batch, so a lease can be short and a dead
 * process's deliveries are soon taken over, while a live one keeps what it holds through slow lanes and database
 * outages. An attempt may start only while its lease is known good (written by a claim or a renewal that
 * succeeded) for at least half a lease, which is longer than the attempt timeout: whatever happens to the renewals
 * after, the attempt ends before its lease does. A lease the renewal finds taken by another process is let go.
 */
final class LeaseHeartbeat implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LeaseHeartbeat.class.getName());
    private static final int RENEWAL_BATCH = 1_000;

    /**
     * A lease held: it ends no later than {@code endsBy}, and not before {@code knownGoodUntil}; {@code awaiting} is
     * the number of the attempt whose outcome waits to be stored, 0 before the attempt ends.
     */
    private record Lease(Instant knownGoodUntil, Instant endsBy, int awaiting) {
        Lease extendedTo(Instant until) {
            return new Lease(until, until, awaiting);
        }
    }

    private final DeliveryRepository deliveries;
    private final Clock clock;
    private final Duration lease;
    private final Map<DeliveryId, Lease> held = new ConcurrentHashMap<>();
    private final Thread beat;
    private volatile boolean running;

    LeaseHeartbeat(DeliveryRepository deliveries, Clock clock, Duration lease) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.lease = lease;
        this.beat = Thread.ofPlatform().name("lease-heartbeat").daemon().unstarted(this::run);
    }

    void start() {
        running = true;
        beat.start();
    }

    /**
     * Starts holding a delivery that has made {@code attemptsSoFar} attempts, leased until {@code leasedUntil} by a
     * claim made up to a quarter of a lease ago. False if it is held already: handed over twice, or claimed again
     * while the outcome of its last attempt waits to be stored (the claim's lease is then held too); a delivery
     * whose awaited outcome is stored already is held anew.
     */
    boolean hold(DeliveryId id, int attemptsSoFar, Instant leasedUntil) {
        Instant now = clock.instant();
        Instant endsBy = leasedUntil.isAfter(now.plus(lease)) ? leasedUntil : now.plus(lease);
        Lease fresh = new Lease(leasedUntil.minus(lease.dividedBy(4)), endsBy, 0);
        boolean[] added = {false};
        held.compute(id, (key, current) -> {
            if (current == null || (current.awaiting() > 0 && attemptsSoFar >= current.awaiting())) {
                added[0] = true;
                return fresh;
            }
            return new Lease(current.knownGoodUntil(), max(current.endsBy(), endsBy), current.awaiting());
        });
        return added[0];
    }

    /** Notes that the delivery's attempt {@code number} has ended and its outcome waits to be stored. */
    void awaitOutcome(DeliveryId id, int number) {
        held.computeIfPresent(id, (key, current) -> new Lease(current.knownGoodUntil(), current.endsBy(), number));
    }

    /** Stops holding a delivery once the outcome of its attempt {@code number} is stored or refused. */
    void outcomeSettled(DeliveryId id, int number) {
        held.computeIfPresent(id, (key, current) -> current.awaiting() == number ? null : current);
    }

    /**
     * Whether an attempt of the delivery may start now: held, and its lease good for at least half a lease (renewed
     * at once if need be). A delivery that may not start is let go.
     */
    boolean mayStart(DeliveryId id) {
        Lease current = held.get(id);
        if (current == null) {
            return false;
        }
        if (goodForAnAttempt(current)) {
            return true;
        }
        renew(List.of(Map.entry(id, current)));
        Lease renewed = held.get(id);
        if (renewed != null && goodForAnAttempt(renewed)) {
            return true;
        }
        held.remove(id);
        return false;
    }

    /** Stops holding a delivery handed back or let go before its attempt ended. */
    void letGo(DeliveryId id) {
        held.remove(id);
    }

    int size() {
        return held.size();
    }

    private boolean goodForAnAttempt(Lease current) {
        return !current.knownGoodUntil().isBefore(clock.instant().plus(lease.dividedBy(2)));
    }

    private void run() {
        Duration interval = lease.dividedBy(5);
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            List<Map.Entry<DeliveryId, Lease>> snapshot = new ArrayList<>(held.entrySet());
            for (int from = 0; from < snapshot.size(); from += RENEWAL_BATCH) {
                renew(snapshot.subList(from, Math.min(snapshot.size(), from + RENEWAL_BATCH)));
            }
        }
    }

    /** Renews the leases; a lease found no longer ours is let go, and on failure each stays as it was. */
    private void renew(List<Map.Entry<DeliveryId, Lease>> leases) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        Set<DeliveryId> renewed;
        try {
            renewed = deliveries.renewLeases(
                    leases.stream()
                            .map(entry -> new HeldLease(
                                    entry.getKey(), entry.getValue().endsBy()))
                            .toList(),
                    until);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not renew the leases of " + leases.size() + " deliveries; trying again shortly",
                    e);
            return;
        }
        for (Map.Entry<DeliveryId, Lease> entry : leases) {
            if (renewed.contains(entry.getKey())) {
                held.computeIfPresent(
                        entry.getKey(),
                        (key, current) ->
                                current.endsBy().equals(entry.getValue().endsBy())
                                        ? current.extendedTo(until)
                                        : current);
            } else {
                held.computeIfPresent(
                        entry.getKey(),
                        (key, current) ->
                                current.endsBy().equals(entry.getValue().endsBy()) ? null : current);
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        running = false;
        beat.interrupt();
    }
}
