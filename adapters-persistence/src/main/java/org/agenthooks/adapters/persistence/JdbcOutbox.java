package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.DeliveryRepository;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.RecordedAttempt;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Both outbox ports over the {@code events}, {@code idempotency_keys}, {@code deliveries} and {@code attempts}
 * tables. Reads go through Helidon DbClient like the other repositories. Writes on the hot paths use plain JDBC
 * on a pooled connection, because DbClient 4.5 has no batch statements: appends are group-committed by an
 * {@link AppendCommitter}, and claims and recorded attempts are batches in one transaction each.
 * <p>
 * Claims: on PostgreSQL {@code FOR UPDATE ... SKIP LOCKED}, so processes claiming together take different rows.
 * Every claimed row is then leased by an update that checks again that it is claimable; only the rows it
 * changed are handed out. That check alone makes claims exclusive on H2, where a waiting update re-reads the row
 * once the lock is released (H2's {@code FOR UPDATE} would lock every due row, as it sorts before it limits).
 * <p>
 * Close it (before the database) to commit the appends still queued.
 */
public final class JdbcOutbox implements EventRepository, DeliveryRepository, AutoCloseable {
    private static final String DELIVERY_COLUMNS = "delivery_id, workspace_id, webhook_id, event_id, event_type,"
            + " status, attempts, last_status_code, next_attempt_at, created_at, updated_at";
    private static final String CLAIMABLE = "status = 'pending' AND (lease_until IS NULL OR lease_until < ?)";
    private static final String DUE = """
            SELECT d.delivery_id, d.workspace_id, d.webhook_id, d.event_id, d.event_type, d.status, d.attempts,
                   d.last_status_code, d.next_attempt_at, d.created_at, d.updated_at, w.url, w.secret, e.payload
            FROM deliveries d
            JOIN webhooks w ON w.webhook_id = d.webhook_id
            JOIN events e ON e.event_id = d.event_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
              AND w.active
            ORDER BY d.next_attempt_at, d.delivery_id
            LIMIT ?""";
    private static final String LEASE = "UPDATE deliveries SET lease_until = ? WHERE delivery_id = ? AND " + CLAIMABLE;
    private static final String SET_STATE = "UPDATE deliveries SET status = ?, attempts = ?, last_status_code = ?,"
            + " next_attempt_at = ?, updated_at = ?, lease_until = NULL";
    private static final String REQUEUE = "UPDATE deliveries SET status = ?, next_attempt_at = ?, updated_at = ?,"
            + " lease_until = ? WHERE delivery_id = ? AND workspace_id = ?";
    private static final String JOB = """
            SELECT d.delivery_id, d.workspace_id, d.webhook_id, d.event_id, d.event_type, d.status, d.attempts,
                   d.last_status_code, d.next_attempt_at, d.created_at, d.updated_at, w.url, w.secret, e.payload
            FROM deliveries d
            JOIN webhooks w ON w.webhook_id = d.webhook_id
            JOIN events e ON e.event_id = d.event_id
            WHERE d.delivery_id = ?""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO attempts (delivery_id, number, started_at, status_code, error, duration_ms, response_excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /*
     * The bound on event_id keeps the scan on the primary key's oldest part: time-ordered ids sort as their times
     * do. occurred_at decides; the bound only narrows the scan (and leaves out ids made before they were ordered).
     */
    private static final String PURGEABLE = """
            SELECT e.event_id FROM events e
            WHERE e.event_id < ? AND e.occurred_at < ?
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.event_id AND d.status = 'pending')
            ORDER BY e.event_id
            LIMIT ?""";
    // Each re-checked, should a delivery have been redelivered since the select; attempts go by cascade.
    private static final String DELETE_DELIVERIES =
            "DELETE FROM deliveries WHERE event_id = ? AND status <> 'pending'";
    private static final String DELETE_EVENT = "DELETE FROM events e WHERE e.event_id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.event_id)";
    private static final String DELETE_KEYS = "DELETE FROM idempotency_keys WHERE created_at < ?";

    private final DbClient db;
    private final Database database;
    private final AppendCommitter committer;

    /** Starts the thread that commits appends; {@link #close()} stops it. */
    public JdbcOutbox(Database database) {
        this.db = database.client();
        this.database = database;
        this.committer = new AppendCommitter(database);
    }

    /**
     * Blocks until the event is committed, sharing the transaction with appends from other threads.
     *
     * @throws IllegalArgumentException if the event's time is finer than a microsecond: it is stored to the
     *         microsecond, so it could not be read back as the payload it signs
     */
    @Override
    public AppendResult append(NewEvent event) {
        Instant occurredAt = event.event().occurredAt();
        if (!occurredAt.equals(Timestamps.micros(occurredAt))) {
            throw new IllegalArgumentException("an event's time must be cut to microseconds (Timestamps.micros),"
                    + " as that is how it is stored; was " + occurredAt);
        }
        return committer.append(event);
    }

    @Override
    public Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
        return db.execute().createGet("""
                        SELECT event_id, workspace_id, agent_id, type, conversation_id, payload, occurred_at
                        FROM events WHERE workspace_id = :workspaceId AND event_id = :eventId""")
                .addParam("workspaceId", workspaceId.value())
                .addParam("eventId", eventId.value())
                .execute()
                .map(Row::of)
                .map(JdbcOutbox::toEvent);
    }

    @Override
    public int purge(Instant cutoff, int limit) {
        return database.inTransaction(connection -> {
            List<String> eventIds = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(PURGEABLE)) {
                select.setString(1, EventId.lowestAt(cutoff).value());
                Params.instant(select, 2, cutoff);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        eventIds.add(rows.getString(1));
                    }
                }
            }
            int purged = 0;
            if (!eventIds.isEmpty()) {
                executeForEach(connection, DELETE_DELIVERIES, eventIds);
                for (int deleted : executeForEach(connection, DELETE_EVENT, eventIds)) {
                    purged += deleted;
                }
            }
            try (PreparedStatement deleteKeys = connection.prepareStatement(DELETE_KEYS)) {
                Params.instant(deleteKeys, 1, cutoff);
                deleteKeys.executeUpdate();
            }
            return purged;
        });
    }

    @Override
    public List<DeliveryJob> claimDue(Instant now, Instant leaseUntil, int limit) {
        String due = database.dialect() == Dialect.POSTGRESQL ? DUE + " FOR UPDATE OF d SKIP LOCKED" : DUE;
        return database.inTransaction(connection -> {
            List<DeliveryJob> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(due)) {
                Params.instant(select, 1, now);
                Params.instant(select, 2, now);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Row row = Row.of(rows);
                        candidates.add(toJob(toDelivery(row), row));
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
    public void recordAttempts(List<RecordedAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            int[] updated;
            try (PreparedStatement update = connection.prepareStatement(SET_STATE
                    + " WHERE delivery_id = ? AND attempts < ?")) {
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
                }
            }
            insertAttempts(connection, toInsert);
            return null;
        });
    }

    @Override
    public void release(List<DeliveryId> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> executeForEach(connection,
                "UPDATE deliveries SET lease_until = NULL WHERE delivery_id = ?",
                deliveryIds.stream().map(DeliveryId::value).toList()));
    }

    /**
     * Writes the new status, due time and lease, never the attempt count: an attempt recorded since the caller
     * read the delivery stays counted, so the next attempt's number is new.
     */
    @Override
    public Optional<DeliveryJob> requeue(Delivery redelivered, Instant leaseUntil) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(REQUEUE)) {
                update.setString(1, redelivered.status().wireName());
                Params.optionalInstant(update, 2, redelivered.nextAttemptAt());
                Params.instant(update, 3, redelivered.updatedAt());
                Params.instant(update, 4, leaseUntil);
                update.setString(5, redelivered.id().value());
                update.setString(6, redelivered.workspaceId().value());
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(JOB)) {
                select.setString(1, redelivered.id().value());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Row row = Row.of(rows);
                    return Optional.of(toJob(toDelivery(row), row));
                }
            }
        });
    }

    @Override
    public Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
        return db.execute().createGet("SELECT " + DELIVERY_COLUMNS + " FROM deliveries"
                        + " WHERE workspace_id = :workspaceId AND delivery_id = :deliveryId")
                .addParam("workspaceId", workspaceId.value())
                .addParam("deliveryId", deliveryId.value())
                .execute()
                .map(Row::of)
                .map(JdbcOutbox::toDelivery);
    }

    @Override
    public List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
        return db.execute().createQuery("SELECT " + DELIVERY_COLUMNS + " FROM deliveries"
                        + " WHERE workspace_id = :workspaceId AND event_id = :eventId ORDER BY delivery_id")
                .addParam("workspaceId", workspaceId.value())
                .addParam("eventId", eventId.value())
                .execute()
                .map(Row::of)
                .map(JdbcOutbox::toDelivery)
                .toList();
    }

    @Override
    public Page<Delivery> list(ListDeliveriesQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS + " FROM deliveries"
                + " WHERE workspace_id = :workspaceId AND webhook_id = :webhookId");
        Map<String, Object> params = new HashMap<>();
        params.put("workspaceId", query.workspaceId().value());
        params.put("webhookId", query.webhookId().value());
        query.status().ifPresent(status -> {
            sql.append(" AND status = :status");
            params.put("status", status.wireName());
        });
        query.after().ifPresent(cursor -> {
            // Strictly after the cursor in (created_at DESC, delivery_id DESC) order.
            sql.append(" AND (created_at < :afterCreatedAt"
                    + " OR (created_at = :afterCreatedAt AND delivery_id < :afterId))");
            params.put("afterCreatedAt", SqlTime.of(cursor.createdAt()));
            params.put("afterId", cursor.id());
        });
        sql.append(" ORDER BY created_at DESC, delivery_id DESC LIMIT :rows");
        params.put("rows", query.limit().value() + 1); // one more than a page: is there another? (Page.of)

        List<Delivery> rows = db.execute().createQuery(sql.toString())
                .params(params)
                .execute()
                .map(Row::of)
                .map(JdbcOutbox::toDelivery)
                .toList();
        return Page.of(rows, query.limit(), delivery -> new PageCursor(delivery.createdAt(), delivery.id().value()));
    }

    @Override
    public List<Attempt> attempts(DeliveryId deliveryId) {
        return db.execute().createQuery("""
                        SELECT delivery_id, number, started_at, status_code, error, duration_ms, response_excerpt
                        FROM attempts WHERE delivery_id = :deliveryId ORDER BY number""")
                .addParam("deliveryId", deliveryId.value())
                .execute()
                .map(Row::of)
                .map(JdbcOutbox::toAttempt)
                .toList();
    }

    /** Commits the appends still queued and stops the committer thread; later appends are refused. */
    @Override
    public void close() {
        committer.close();
    }

    /** How many transactions appends were committed in so far: fewer than appends when they were grouped. */
    long appendTransactions() {
        return committer.transactions();
    }

    /**
     * The stored form of a response excerpt: at most {@link AttemptResult#EXCERPT_BYTES} bytes of UTF-8, cut
     * before the first character that does not fit whole, with NUL (which PostgreSQL text cannot hold) as
     * U+FFFD. The sender cuts the body's bytes, but decoding can grow them (each malformed byte becomes a
     * three-byte U+FFFD).
     */
    static String storedExcerpt(String excerpt) {
        String text = withoutNul(excerpt);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > AttemptResult.EXCERPT_BYTES) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static String withoutNul(String text) {
        return text.replace('\u0000', '\uFFFD');
    }

    private static void setState(PreparedStatement update, Delivery delivery) throws SQLException {
        update.setString(1, delivery.status().wireName());
        update.setInt(2, delivery.attempts());
        Params.optionalNumber(update, 3, delivery.lastStatusCode());
        Params.optionalInstant(update, 4, delivery.nextAttemptAt());
        Params.instant(update, 5, delivery.updatedAt());
    }

    /** Runs {@code sql}, whose one parameter is an id, once for each of {@code ids} in one batch. */
    private static int[] executeForEach(Connection connection, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String id : ids) {
                statement.setString(1, id);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private static void insertAttempts(Connection connection, List<Attempt> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT)) {
            for (Attempt attempt : attempts) {
                AttemptResult result = attempt.result();
                insert.setString(1, attempt.deliveryId().value());
                insert.setInt(2, attempt.number());
                Params.instant(insert, 3, attempt.startedAt());
                Params.optionalNumber(insert, 4, result.statusCode());
                Params.optionalText(insert, 5, result.error().map(JdbcOutbox::withoutNul));
                insert.setLong(6, result.took().toMillis());
                insert.setString(7, storedExcerpt(result.responseExcerpt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static DeliveryJob toJob(Delivery delivery, Row row) {
        return new DeliveryJob(delivery, new WebhookUrl(row.text("url")), Secret.of(row.text("secret")),
                row.bytes("payload"));
    }

    private static Delivery toDelivery(Row row) {
        return new Delivery(new DeliveryId(row.text("delivery_id")), new WorkspaceId(row.text("workspace_id")),
                new WebhookId(row.text("webhook_id")), new EventId(row.text("event_id")),
                stored(EventType.fromWireName(row.text("event_type")), "event type", row.text("event_type")),
                stored(DeliveryStatus.fromWireName(row.text("status")), "status", row.text("status")),
                row.number("attempts"), row.optionalNumber("last_status_code"),
                row.optionalInstant("next_attempt_at"), row.instant("created_at"), row.instant("updated_at"));
    }

    private static Attempt toAttempt(Row row) {
        // Retry-After is not kept: it only shaped the next_attempt_at stored with the attempt.
        return new Attempt(new DeliveryId(row.text("delivery_id")), row.number("number"), row.instant("started_at"),
                new AttemptResult(row.optionalNumber("status_code"), row.optionalText("error"), Optional.empty(),
                        Duration.ofMillis(row.longNumber("duration_ms")), row.text("response_excerpt")));
    }

    /**
     * The events table keeps the payload, not the data, so every attempt sends the bytes first stored. The data is
     * the payload's tail; the head must be what the other columns render, or the row is corrupt.
     */
    private static AgentEvent toEvent(Row row) {
        EventId id = new EventId(row.text("event_id"));
        String type = row.text("type");
        AgentEvent withoutData = new AgentEvent(id, new WorkspaceId(row.text("workspace_id")),
                new AgentId(row.text("agent_id")), stored(EventType.fromWireName(type), "event type", type),
                row.optionalText("conversation_id").map(ConversationId::new), new EventData("{}"),
                row.instant("occurred_at"));
        byte[] head = withoutData.payload();
        int dataStart = head.length - "{}}".length();
        byte[] payload = row.bytes("payload");
        if (payload.length < dataStart + 1 || !Arrays.equals(payload, 0, dataStart, head, 0, dataStart)
                || payload[payload.length - 1] != '}') {
            throw new IllegalStateException("the stored payload of " + id + " does not match its columns");
        }
        String data = new String(payload, dataStart, payload.length - dataStart - 1, StandardCharsets.UTF_8);
        return new AgentEvent(withoutData.id(), withoutData.workspaceId(), withoutData.agentId(), withoutData.type(),
                withoutData.conversationId(), new EventData(data), withoutData.occurredAt());
    }

    private static <T> T stored(Optional<T> value, String what, String text) {
        return value.orElseThrow(() -> new IllegalStateException("unknown stored " + what + ": " + text));
    }
}
