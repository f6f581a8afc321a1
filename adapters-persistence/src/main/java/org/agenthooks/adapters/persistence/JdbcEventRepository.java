package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.EventRepository;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.shared.Timestamps;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * {@link EventRepository} over the {@code events} and {@code idempotency_keys} tables: an append also stores the
 * event's deliveries, which {@link JdbcDeliveryRepository} then claims. Reads go through Helidon DbClient like the
 * other repositories. Writes use plain JDBC on a pooled connection, because DbClient 4.5 has no batch statements:
 * appends are group-committed by an {@link AppendCommitter}, with their keys checked and recorded by
 * {@link IdempotencyKeys}, and a purge is batches in one transaction.
 * <p>
 * Close it (before the database) to commit the appends still queued.
 */
public final class JdbcEventRepository implements EventRepository, AutoCloseable {
    private static final String INSERT_EVENT = """
            INSERT INTO events (event_id, workspace_id, agent_id, type, conversation_id, conversation_sequence, payload,
                                occurred_at, trace_parent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
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
    private static final String DELETE_DELIVERIES = "DELETE FROM deliveries WHERE event_id = ? AND status <> 'pending'";
    private static final String DELETE_EVENT = "DELETE FROM events e WHERE e.event_id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.event_id)";
    private static final String DELETE_KEYS = "DELETE FROM idempotency_keys WHERE created_at < ?";

    private final DbClient db;
    private final Database database;
    private final AppendCommitter committer;

    /** Starts the thread that commits appends; {@link #close()} stops it. */
    public JdbcEventRepository(Database database) {
        this(database, EngineMetrics.none());
    }

    /** Starts the thread that commits appends, reporting each commit's size to {@code metrics}. */
    public JdbcEventRepository(Database database, EngineMetrics metrics) {
        this.db = database.client();
        this.database = database;
        Dialect dialect = database.dialect();
        this.committer =
                new AppendCommitter(database, (connection, appends) -> write(connection, dialect, appends), metrics);
    }

    /**
     * Blocks until the events are committed, together, in a transaction they may share with appends from other
     * threads.
     *
     * @throws IllegalArgumentException if an event's time is finer than a microsecond: it is stored to the
     *         microsecond, so it could not be read back as the payload it signs
     */
    @Override
    public List<AppendResult> appendAll(List<NewEvent> events) {
        for (NewEvent event : events) {
            Instant occurredAt = event.event().occurredAt();
            if (!occurredAt.equals(Timestamps.micros(occurredAt))) {
                throw new IllegalArgumentException("an event's time must be cut to microseconds (Timestamps.micros),"
                        + " as that is how it is stored; was " + occurredAt);
            }
        }
        return events.isEmpty() ? List.of() : committer.append(events);
    }

    @Override
    public Optional<AgentEvent> find(WorkspaceId workspaceId, EventId eventId) {
        return db.execute()
                .createGet("""
                        SELECT event_id, workspace_id, agent_id, type, conversation_id, conversation_sequence, payload,
                               occurred_at
                        FROM events WHERE workspace_id = :workspaceId AND event_id = :eventId""")
                .addParam("workspaceId", workspaceId.value())
                .addParam("eventId", eventId.value())
                .execute()
                .map(Row::of)
                .map(JdbcEventRepository::toEvent);
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
                Batches.executeForEach(connection, DELETE_DELIVERIES, eventIds);
                for (int deleted : Batches.executeForEach(connection, DELETE_EVENT, eventIds)) {
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
     * Writes appends in queue order: the events and deliveries of those that are not repeats of an earlier use of
     * their idempotency key, and the keys they use. A delivery whose webhook no longer exists is skipped (the caller
     * read the webhook before it was removed, e.g. from a cache): the event is stored for the others.
     */
    private static List<AppendResult> write(Connection connection, Dialect dialect, List<NewEvent> appends)
            throws SQLException {
        IdempotencyKeys keys = IdempotencyKeys.lookUp(connection, appends);
        /*
         * Read in this transaction, so that no delivery row hits the foreign key of a webhook removed earlier. One
         * removed between this read and the insert still fails the transaction; the committer then writes each
         * append alone, and that read finds it gone.
         */
        Set<WebhookId> live = DeliveryRows.existingWebhooks(connection, appends);
        List<NewEvent> toStore = new ArrayList<>(appends.size());
        List<AppendResult> results = new ArrayList<>(appends.size());
        List<Integer> storedAt = new ArrayList<>(appends.size());
        for (NewEvent asked : appends) {
            Optional<AppendResult> repeat = keys.earlierUse(asked);
            if (repeat.isPresent()) {
                results.add(repeat.get());
                continue;
            }
            storedAt.add(results.size());
            Map<Boolean, List<Delivery>> byLive = asked.deliveries().stream()
                    .collect(Collectors.partitioningBy(delivery -> live.contains(delivery.webhookId())));
            NewEvent append = new NewEvent(
                    asked.event(),
                    asked.idempotencyKey(),
                    asked.keyNotBefore(),
                    byLive.get(true),
                    asked.leasedUntil(),
                    asked.traceParent());
            keys.use(append);
            toStore.add(append);
            results.add(new AppendResult(
                    append.event().id(),
                    append.deliveries().size(),
                    false,
                    byLive.get(false).stream().map(Delivery::id).collect(Collectors.toSet())));
        }
        toStore = ConversationSequences.number(connection, dialect, toStore);
        insertEvents(connection, toStore);
        DeliveryRows.insert(connection, toStore);
        Set<DeliveryId> held = ConversationOrder.holdBehindEarlier(connection, toStore);
        keys.save(connection);
        for (int i = 0; i < toStore.size(); i++) {
            NewEvent stored = toStore.get(i);
            int at = storedAt.get(i);
            AppendResult result = results.get(at);
            results.set(
                    at,
                    new AppendResult(
                            result.eventId(),
                            result.deliveries(),
                            false,
                            result.skipped(),
                            stored.event().sequence(),
                            stored.deliveries().stream()
                                    .map(Delivery::id)
                                    .filter(held::contains)
                                    .collect(Collectors.toSet())));
        }
        return results;
    }

    private static void insertEvents(Connection connection, List<NewEvent> appends) throws SQLException {
        if (appends.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (NewEvent append : appends) {
                AgentEvent event = append.event();
                insert.setString(1, event.id().value());
                insert.setString(2, event.workspaceId().value());
                insert.setString(3, event.agentId().value());
                insert.setString(4, event.type().wireName());
                Params.optionalText(insert, 5, event.conversationId().map(ConversationId::value));
                Params.optionalLong(insert, 6, event.sequence());
                insert.setBytes(7, event.payload());
                Params.instant(insert, 8, event.occurredAt());
                Params.optionalText(insert, 9, append.traceParent().map(TraceParent::toString));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The events table keeps the payload, not the data, so every attempt sends the bytes first stored. The data is
     * the payload's tail; the head must be what the other columns render, or the row is corrupt.
     */
    static AgentEvent toEvent(Row row) {
        EventId id = new EventId(row.text("event_id"));
        AgentEvent withoutData = new AgentEvent(
                id,
                new WorkspaceId(row.text("workspace_id")),
                new AgentId(row.text("agent_id")),
                row.named("type", EventType::fromWireName, "event type"),
                row.optionalText("conversation_id").map(ConversationId::new),
                new EventData("{}"),
                row.instant("occurred_at"),
                row.optionalLong("conversation_sequence"));
        byte[] head = withoutData.payload();
        int dataStart = head.length - "{}}".length();
        byte[] payload = row.bytes("payload");
        if (payload.length < dataStart + 1
                || !Arrays.equals(payload, 0, dataStart, head, 0, dataStart)
                || payload[payload.length - 1] != '}') {
            throw new IllegalStateException("the stored payload of " + id + " does not match its columns");
        }
        String data = new String(payload, dataStart, payload.length - dataStart - 1, StandardCharsets.UTF_8);
        return new AgentEvent(
                withoutData.id(),
                withoutData.workspaceId(),
                withoutData.agentId(),
                withoutData.type(),
                withoutData.conversationId(),
                new EventData(data),
                withoutData.occurredAt(),
                withoutData.sequence());
    }
}
