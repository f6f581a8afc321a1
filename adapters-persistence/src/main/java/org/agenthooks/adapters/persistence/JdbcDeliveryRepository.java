package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.HeldLease;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.application.port.out.RequeueResult;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * {@link DeliveryRepository} over the {@code deliveries} and {@code attempts} tables (and, for jobs, the
 * {@code webhooks} and {@code events} tables); its deliveries are stored by {@link JdbcEventRepository#append}.
 * The reads of the delivery log are {@link DeliveryLog}'s, through Helidon DbClient like the other repositories.
 * The engine's writes use plain JDBC on a pooled connection, because DbClient 4.5 has no batch statements: claims
 * and recorded attempts are batches in one transaction each.
 * <p>
 * Claims: on PostgreSQL {@code FOR UPDATE ... SKIP LOCKED}, so processes claiming together take different rows.
 * Every claimed row is then leased by an update that checks again that it is claimable; only the rows it
 * changed are handed out. That check alone makes claims exclusive on H2, where a waiting update re-reads the row
 * once the lock is released (H2's {@code FOR UPDATE} would lock every due row, as it sorts before it limits).
 */
public final class JdbcDeliveryRepository implements DeliveryRepository, DeliveryBacklog {
    private static final String CLAIMABLE = "status = 'pending' AND (lease_until IS NULL OR lease_until < ?)";
    private static final String JOBS = """
            SELECT d.delivery_id, d.workspace_id, d.webhook_id, d.event_id, d.event_type, d.status, d.attempts,
                   d.last_status_code, d.next_attempt_at, d.created_at, d.updated_at, w.url, w.secret,
                   w.previous_secret, w.previous_secret_expires_at, e.payload, e.trace_parent,
            """ + ConversationOrder.RELEASED_COLUMN + """

            FROM deliveries d
            JOIN webhooks w ON w.webhook_id = d.webhook_id
            JOIN events e ON e.event_id = d.event_id
            """;
    /**
     * Due deliveries in the order of the {@code deliveries_due} index, so a claim reads only the rows it takes: with
     * a tie-break the index lacks (it was {@code d.delivery_id}), H2 read and sorted every due row, payload and all,
     * on every poll, and a dead endpoint's backlog, all due at the instant its circuit lets a probe through, cost
     * heap and time in proportion to its size. H2 sees the index order only with its leading {@code status} named.
     */
    static final String DUE = JOBS + """
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
              AND w.active""" + ConversationOrder.CLAIMABLE + """

            ORDER BY d.status, d.next_attempt_at
            LIMIT ?""";

    private static final String LEASE = "UPDATE deliveries SET lease_until = ? WHERE delivery_id = ? AND " + CLAIMABLE;
    private static final String SET_STATE = "UPDATE deliveries SET status = ?, attempts = ?, last_status_code = ?,"
            + " next_attempt_at = ?, updated_at = ?, lease_until = NULL";
    private static final String REQUEUE = "UPDATE deliveries SET status = ?, next_attempt_at = ?, updated_at = ?,"
            + " lease_until = ? WHERE delivery_id = ? AND workspace_id = ? AND (lease_until IS NULL OR lease_until < ?)";
    private static final String POSTPONE = "UPDATE deliveries SET next_attempt_at = ?, lease_until = NULL"
            + " WHERE delivery_id = ? AND status = 'pending'";
    /** Rows a backlog postponement moves per transaction, so a large backlog never makes one large transaction. */
    static final int BACKLOG_CHUNK = 1_000;

    private static final String HELD_LEASE =
            "SELECT lease_until FROM deliveries WHERE delivery_id = ? AND workspace_id = ?";
    private static final String RENEW = "UPDATE deliveries SET lease_until = ? WHERE delivery_id = ?"
            + " AND status = 'pending' AND lease_until IS NOT NULL AND lease_until <= ?";
    private static final String RECORD_LATE_SUCCESS = "UPDATE deliveries SET status = 'succeeded',"
            + " attempts = attempts + 1, last_status_code = ?, next_attempt_at = NULL, updated_at = ?,"
            + " lease_until = NULL WHERE delivery_id = ? AND status = 'pending'";
    private static final String ATTEMPT_COUNT = "SELECT attempts FROM deliveries WHERE delivery_id = ?";
    private static final String JOB = JOBS + "WHERE d.delivery_id = ?";
    private final Database database;
    private final DeliveryLog log;
    private final SecretSealer sealer;
    private final Duration orderHold;

    /** A delivery waits for an earlier one of its conversation without limit. */
    public JdbcDeliveryRepository(Database database, SecretSealer sealer) {
        this(database, sealer, ChronoUnit.FOREVER.getDuration());
    }

    /** A delivery held for its conversation's order is claimed anyway once it is older than {@code orderHold}. */
    public JdbcDeliveryRepository(Database database, SecretSealer sealer, Duration orderHold) {
        this.database = database;
        this.sealer = sealer;
        this.orderHold = orderHold;
        this.log = new DeliveryLog(database.client());
    }

    @Override
    public List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit) {
        String due = database.dialect() == Dialect.POSTGRESQL ? DUE + " FOR UPDATE OF d SKIP LOCKED" : DUE;
        return database.inTransaction(connection -> {
            List<DeliveryJob> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(due)) {
                Params.instant(select, 1, now);
                Params.instant(select, 2, now);
                Params.instant(select, 3, heldSince(now));
                select.setInt(4, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(DeliveryRows.toJob(Row.of(rows), sealer));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            int[] leased;
            try (PreparedStatement lease = connection.prepareStatement(LEASE)) {
                for (DeliveryJob candidate : candidates) {
                    Params.instant(lease, 1, leaseUntil);
                    lease.setString(2, candidate.delivery().id().value());
                    Params.instant(lease, 3, now);
                    lease.addBatch();
                }
                leased = lease.executeBatch();
            }
            List<DeliveryJob> claimed = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                if (leased[i] == 1) {
                    claimed.add(candidates.get(i));
                }
            }
            return claimed;
        });
    }

    /**
     * A delivery that is gone (its webhook was deleted) is skipped, and so is an attempt whose number is not
     * above the delivery's stored count: it was recorded already, or another process attempted the delivery
     * after this one's lease ran out and recorded first.
     */
    @Override
    public void recordAttempts(List<RecordedAttempt> unordered) {
        if (unordered.isEmpty()) {
            return;
        }
        List<RecordedAttempt> attempts =
                inLockOrder(unordered, recorded -> recorded.delivery().id());
        database.inTransaction(connection -> {
            int[] updated;
            try (PreparedStatement update = connection.prepareStatement(
                    SET_STATE + " WHERE delivery_id = ? AND status = 'pending' AND attempts < ?")) {
                for (RecordedAttempt recorded : attempts) {
                    setState(update, recorded.delivery());
                    update.setString(6, recorded.delivery().id().value());
                    update.setInt(7, recorded.attempt().number());
                    update.addBatch();
                }
                updated = update.executeBatch();
            }
            List<Attempt> toInsert = new ArrayList<>(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                if (updated[i] == 1) {
                    toInsert.add(attempts.get(i).attempt());
                } else if (attempts.get(i).delivery().status() == DeliveryStatus.SUCCEEDED) {
                    recordLateSuccess(connection, attempts.get(i)).ifPresent(toInsert::add);
                }
            }
            AttemptRows.insert(connection, toInsert);
            return null;
        });
    }

    /**
     * A success whose number another process recorded meanwhile (it took the delivery after this one's lease ran
     * out) becomes the next attempt, and the still pending delivery succeeded; empty if it is no longer pending.
     */
    private static Optional<Attempt> recordLateSuccess(Connection connection, RecordedAttempt late)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(RECORD_LATE_SUCCESS)) {
            Params.optionalNumber(update, 1, late.delivery().lastStatusCode());
            Params.instant(update, 2, late.delivery().updatedAt());
            update.setString(3, late.delivery().id().value());
            if (update.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ATTEMPT_COUNT)) {
            select.setString(1, late.delivery().id().value());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                Attempt attempt = late.attempt();
                return Optional.of(
                        new Attempt(attempt.deliveryId(), rows.getInt(1), attempt.startedAt(), attempt.result()));
            }
        }
    }

    @Override
    public Set<DeliveryId> renewLeases(List<HeldLease> unordered, Instant until) {
        if (unordered.isEmpty()) {
            return Set.of();
        }
        List<HeldLease> held = inLockOrder(unordered, HeldLease::deliveryId);
        return database.inTransaction(connection -> {
            int[] renewed;
            try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
                for (HeldLease lease : held) {
                    Params.instant(renew, 1, until);
                    renew.setString(2, lease.deliveryId().value());
                    Params.instant(renew, 3, lease.endsBy());
                    renew.addBatch();
                }
                renewed = renew.executeBatch();
            }
            Set<DeliveryId> ours = new HashSet<>();
            for (int i = 0; i < held.size(); i++) {
                if (renewed[i] == 1) {
                    ours.add(held.get(i).deliveryId());
                }
            }
            return ours;
        });
    }

    @Override
    public void release(List<DeliveryId> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> Batches.executeForEach(
                connection,
                "UPDATE deliveries SET lease_until = NULL WHERE delivery_id = ?",
                deliveryIds.stream().map(DeliveryId::value).sorted().toList()));
    }

    @Override
    public void postpone(List<DeliveryId> deliveryIds, Instant dueAt) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(POSTPONE)) {
                for (DeliveryId id : deliveryIds) {
                    Params.instant(update, 1, dueAt);
                    update.setString(2, id.value());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    /**
     * In chunks of {@value #BACKLOG_CHUNK}, each its own transaction, until a chunk moves fewer. On PostgreSQL the
     * chunk skips rows another transaction holds (a claim under way), as the claim does; the update checks again
     * that each row is pending and unleased, so a delivery claimed meanwhile (on H2) is left to its claimer.
     */
    @Override
    public int postponeBacklog(Set<WebhookId> webhookIds, Instant now, Instant dueAt) {
        if (webhookIds.isEmpty()) {
            return 0;
        }
        String update = postponeBacklog(webhookIds.size(), database.dialect());
        List<String> ids = webhookIds.stream().map(WebhookId::value).sorted().toList();
        int moved = 0;
        int chunk;
        do {
            chunk = database.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(update)) {
                    int i = 1;
                    Params.instant(statement, i++, dueAt);
                    for (String id : ids) {
                        statement.setString(i++, id);
                    }
                    Params.instant(statement, i++, dueAt);
                    Params.instant(statement, i++, now);
                    statement.setInt(i++, BACKLOG_CHUNK);
                    Params.instant(statement, i, now);
                    return statement.executeUpdate();
                }
            });
            moved += chunk;
        } while (chunk == BACKLOG_CHUNK);
        return moved;
    }

    /**
     * The chunk's update for so many webhooks; its parameters: the due time, the webhooks, then the due time, now and
     * the chunk size for the sub-select, then now again for the update's own check. That check leaves out the due
     * time so that the update finds its rows by key: with it, H2 scanned the whole remaining backlog for each chunk.
     */
    static String postponeBacklog(int webhooks, Dialect dialect) {
        String backlog = "status = 'pending' AND next_attempt_at < ? AND (lease_until IS NULL OR lease_until < ?)";
        return "UPDATE deliveries SET next_attempt_at = ?, lease_until = NULL WHERE delivery_id IN ("
                + "SELECT delivery_id FROM deliveries WHERE webhook_id IN ("
                + String.join(", ", Collections.nCopies(webhooks, "?")) + ") AND " + backlog + " LIMIT ?"
                + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "")
                + ") AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?)";
    }

    /**
     * Writes the new status, due time and lease, never the attempt count: an attempt recorded since the caller
     * read the delivery stays counted, so the next attempt's number is new. The update only takes a delivery whose
     * lease is free at {@code now}; if it takes none, the delivery is gone or leased by an attempt under way.
     */
    @Override
    public RequeueResult requeue(Delivery redelivered, Instant now, Instant leaseUntil) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(REQUEUE)) {
                update.setString(1, redelivered.status().wireName());
                Params.optionalInstant(update, 2, redelivered.nextAttemptAt());
                Params.instant(update, 3, redelivered.updatedAt());
                Params.instant(update, 4, leaseUntil);
                update.setString(5, redelivered.id().value());
                update.setString(6, redelivered.workspaceId().value());
                Params.instant(update, 7, now);
                if (update.executeUpdate() == 0) {
                    return heldOrGone(connection, redelivered, now);
                }
            }
            try (PreparedStatement select = connection.prepareStatement(JOB)) {
                select.setString(1, redelivered.id().value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? new RequeueResult.Requeued(DeliveryRows.toJob(Row.of(rows), sealer))
                            : new RequeueResult.Gone();
                }
            }
        });
    }

    private static RequeueResult heldOrGone(Connection connection, Delivery redelivered, Instant now)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(HELD_LEASE)) {
            select.setString(1, redelivered.id().value());
            select.setString(2, redelivered.workspaceId().value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new RequeueResult.Gone();
                }
                // Leased when the update ran; should the lease have ended since, "try again" is still right.
                return new RequeueResult.InFlight(
                        Row.of(rows).optionalInstant("lease_until").orElse(now));
            }
        }
    }

    @Override
    public Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
        return log.find(workspaceId, deliveryId);
    }

    @Override
    public List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
        return log.forEvent(workspaceId, eventId);
    }

    @Override
    public Page<Delivery> list(ListDeliveriesQuery query) {
        return log.list(query);
    }

    @Override
    public List<Attempt> attempts(DeliveryId deliveryId) {
        return log.attempts(deliveryId);
    }

    @Override
    public Backlog backlog() {
        return log.backlog();
    }

    @Override
    public List<HourlyDeliveryCount> countByHour(
            WorkspaceId workspaceId, WebhookId webhookId, Instant from, Instant until) {
        return log.countByHour(workspaceId, webhookId, from, until);
    }

    /**
     * Sorted by delivery id (stably, so two attempts of one delivery keep their order): transactions that update
     * several deliveries (recorded attempts, renewals) lock them in one order, so they wait for each other instead
     * of deadlocking.
     */
    private static <T> List<T> inLockOrder(List<T> items, Function<T, DeliveryId> deliveryId) {
        List<T> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing(item -> deliveryId.apply(item).value()));
        return ordered;
    }

    /** Deliveries created before this have waited long enough for their conversation's order. */
    private Instant heldSince(Instant now) {
        return orderHold.compareTo(Duration.between(Instant.EPOCH, now)) >= 0 ? Instant.EPOCH : now.minus(orderHold);
    }

    private static void setState(PreparedStatement update, Delivery delivery) throws SQLException {
        update.setString(1, delivery.status().wireName());
        update.setInt(2, delivery.attempts());
        Params.optionalNumber(update, 3, delivery.lastStatusCode());
        Params.optionalInstant(update, 4, delivery.nextAttemptAt());
        Params.instant(update, 5, delivery.updatedAt());
    }
}
