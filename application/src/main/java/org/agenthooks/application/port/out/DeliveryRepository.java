package org.agenthooks.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Port: deliveries, their leases and their attempts. */
public interface DeliveryRepository {
    /**
     * Leases up to {@code limit} pending deliveries of active webhooks that are due at {@code now} and not leased
     * by anyone (or whose lease ran out), until {@code leaseUntil}; each is claimed by one caller only. A delivery
     * to a webhook ordered by conversation is not due while a delivery of an earlier event of its conversation to
     * that webhook is pending, unless it was created longer ago than the repository's order hold: then it is
     * claimed with {@link DeliveryJob#orderReleased()}.
     */
    List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * Stores attempts and the states they led to, and releases those deliveries' leases; all or nothing. An attempt
     * whose number is not above its delivery's stored count is skipped (recorded already); an attempt number that
     * is stored already for the delivery is refused, as a primary key would. Only a pending delivery changes state,
     * so an outcome never moves a succeeded or failed delivery back; but a success that comes late (another process
     * attempted and recorded the same number meanwhile, after this one's lease ran out) is never lost: it is stored
     * as the next attempt and the pending delivery becomes succeeded.
     */
    void recordAttempts(List<RecordedAttempt> attempts);

    /**
     * Extends to {@code until} the leases still held of those given: deliveries still pending whose lease is set and
     * ends no later than its {@link HeldLease#endsBy()} (a lease another process took after ours ran out ends
     * later, and is left alone; one that ran out but was taken by no one is ours again). Answers the deliveries
     * whose lease it extended.
     */
    Set<DeliveryId> renewLeases(List<HeldLease> held, Instant until);

    /** Ends the leases of deliveries this process will not attempt after all, so any process may claim them. */
    void release(List<DeliveryId> deliveryIds);

    /**
     * Makes pending deliveries due at {@code dueAt} and ends their leases, without counting an attempt: for deliveries
     * to an endpoint that is paused or whose circuit is open, handed back instead of waiting in memory. Deliveries no
     * longer pending (or gone) are left as they are.
     */
    void postpone(List<DeliveryId> deliveryIds, Instant dueAt);

    /**
     * Makes every pending delivery of these webhooks that is due before {@code dueAt} and not leased at {@code now}
     * due at {@code dueAt}, without counting an attempt: the backlog of an endpoint whose circuit is open or that is
     * paused, moved in the store at once rather than claimed only to be {@link #postpone postponed} one by one.
     * Leased deliveries (being attempted, here or by another process) are left as they are. Answers how many it
     * moved.
     */
    int postponeBacklog(Set<WebhookId> webhookIds, Instant now, Instant dueAt);

    /**
     * Gives a delivery the status and due time of {@code redelivered} and leases it to the caller until
     * {@code leaseUntil}, if no one holds its lease at {@code now} (never leased, released, or run out); otherwise
     * leaves it as it is and answers {@link RequeueResult.InFlight}, so an attempt under way is never joined by a
     * second one. {@link RequeueResult.Gone} if it is gone. Its attempt count and last status code stay as stored, so
     * an attempt recorded after the caller read the delivery still counts. A requeued delivery is returned as stored.
     */
    RequeueResult requeue(Delivery redelivered, Instant now, Instant leaseUntil);

    Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId);

    List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId);

    Page<Delivery> list(ListDeliveriesQuery query);

    /** Oldest first. */
    List<Attempt> attempts(DeliveryId deliveryId);

    /**
     * How many of the webhook's deliveries were created in each hour (UTC hours, from the epoch) from {@code from}
     * up to {@code until} (exclusive), by the status each has now; hours and statuses without deliveries are left
     * out. Reads the deliveries of that webhook and time span through an index, never every delivery.
     */
    List<HourlyDeliveryCount> countByHour(WorkspaceId workspaceId, WebhookId webhookId, Instant from, Instant until);
}
