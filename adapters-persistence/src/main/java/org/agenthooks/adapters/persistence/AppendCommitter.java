package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClientException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventId;

/**
 * Group commit for {@link JdbcEventRepository#append}: callers queue their appends and wait; one platform thread
 * writes up to {@value #MAX_BATCH} queued appends in one transaction with JDBC batch inserts, commits, and only
 * then answers each caller, so an answer still means durable. Under load, appends share commits (the part that
 * waits for the disk): 32 callers averaged about 25 appends a transaction. An append on its own waits for one
 * commit, as it would anyway; nothing waits to fill a batch.
 * <p>
 * If a batch fails, its appends are written again one by one, each in its own transaction, so a bad append fails
 * only itself. One that lost a race for its idempotency key (another process inserted it first) is tried once
 * more, and then finds the winner's key.
 */
final class AppendCommitter implements AutoCloseable {
    static final int MAX_BATCH = 200;

    private static final System.Logger LOG = System.getLogger(AppendCommitter.class.getName());
    private static final String INSERT_EVENT = """
            INSERT INTO events (event_id, workspace_id, agent_id, type, conversation_id, payload, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_DELIVERY = """
            INSERT INTO deliveries (delivery_id, workspace_id, webhook_id, event_id, event_type, status, attempts,
                                    last_status_code, next_attempt_at, lease_until, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_KEY = """
            INSERT INTO idempotency_keys (event_id, deliveries, created_at, workspace_id, idempotency_key)
            VALUES (?, ?, ?, ?, ?)""";
    // Replaces an expired key only if nobody replaced it since it was read; otherwise the batch fails and is retried.
    private static final String REPLACE_KEY = """
            UPDATE idempotency_keys SET event_id = ?, deliveries = ?, created_at = ?
            WHERE workspace_id = ? AND idempotency_key = ? AND created_at = ?""";

    private record Pending(NewEvent append, CompletableFuture<AppendResult> outcome) {
    }

    private record Key(String workspaceId, String key) {
    }

    private record KeyUse(EventId eventId, int deliveries, Instant createdAt) {
    }

    private final Database database;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Appends queue under the read lock; closing takes the write lock, so nothing is queued after it. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private final Thread committer;
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean closed;

    AppendCommitter(Database database) {
        this.database = database;
        this.committer = Thread.ofPlatform().name("outbox-committer").daemon().start(this::run);
    }

    /** Blocks until the append is committed (or failed); safe to call from any number of threads. */
    AppendResult append(NewEvent append) {
        Pending pending = new Pending(append, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the outbox is closed");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return pending.outcome().join();
        } catch (CompletionException e) {
            throw new DbClientException("could not append event " + append.event().id(), e.getCause());
        }
    }

    /** How many transactions appends were committed in so far. */
    long transactions() {
        return transactions.get();
    }

    /** Commits what is queued, then stops the committer thread. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            closed = true;
        } finally {
            gate.writeLock().unlock();
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                // Nobody but close() stops this thread, and close() does not interrupt it: callers are waiting.
                LOG.log(System.Logger.Level.DEBUG, "outbox committer interrupted; carrying on");
            } catch (Throwable unexpected) {
                batch.forEach(pending -> pending.outcome().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.size() > 1) {
            try {
                List<AppendResult> results = database.inTransaction(connection -> write(connection, batch));
                transactions.incrementAndGet();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome().complete(results.get(i));
                }
                return;
            } catch (StorageUnavailableException e) {
                // One by one would wait out the pool's timeout once per append: fail them all now (503, retry).
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a batch of " + batch.size() + " appends failed; committing them"
                        + " one by one", e);
            }
        }
        batch.forEach(this::commitAlone);
    }

    private void commitAlone(Pending pending) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                AppendResult result = database.inTransaction(connection -> write(connection, List.of(pending)))
                        .getFirst();
                transactions.incrementAndGet();
                pending.outcome().complete(result);
                return;
            } catch (StorageUnavailableException e) {
                failure = e;
                break;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        pending.outcome().completeExceptionally(failure);
    }

    /**
     * Writes the batch's appends in queue order. A key seen before (committed by an earlier transaction, or
     * earlier in this batch) and not older than an append's {@code keyNotBefore} makes that append a repeat that
     * writes nothing.
     */
    private static List<AppendResult> write(Connection connection, List<Pending> batch) throws SQLException {
        Map<Key, KeyUse> stored = storedKeys(connection, batch);
        Map<Key, KeyUse> latest = new HashMap<>(stored);
        Map<Key, KeyUse> changed = new LinkedHashMap<>();
        List<NewEvent> toStore = new ArrayList<>(batch.size());
        List<AppendResult> results = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            NewEvent append = pending.append();
            Optional<Key> key = keyOf(append);
            KeyUse earlier = key.map(latest::get).orElse(null);
            if (earlier != null && !earlier.createdAt().isBefore(append.keyNotBefore())) {
                results.add(new AppendResult(earlier.eventId(), earlier.deliveries(), true));
                continue;
            }
            AgentEvent event = append.event();
            toStore.add(append);
            results.add(new AppendResult(event.id(), append.deliveries().size(), false));
            key.ifPresent(k -> {
                KeyUse use = new KeyUse(event.id(), append.deliveries().size(), event.occurredAt());
                latest.put(k, use);
                changed.put(k, use);
            });
        }
        insertEvents(connection, toStore);
        insertDeliveries(connection, toStore);
        saveKeys(connection, stored, changed);
        return results;
    }

    private static Optional<Key> keyOf(NewEvent append) {
        return append.idempotencyKey().map(key -> new Key(append.event().workspaceId().value(), key.value()));
    }

    private static Map<Key, KeyUse> storedKeys(Connection connection, List<Pending> batch) throws SQLException {
        Set<Key> keys = new LinkedHashSet<>();
        batch.forEach(pending -> keyOf(pending.append()).ifPresent(keys::add));
        if (keys.isEmpty()) {
            return Map.of();
        }
        // One primary-key lookup per key. As one WHERE with an OR per key, both databases scanned the table.
        String eachOfThem = String.join(" UNION ALL ", keys.stream().map(key -> "SELECT workspace_id,"
                + " idempotency_key, event_id, deliveries, created_at FROM idempotency_keys"
                + " WHERE workspace_id = ? AND idempotency_key = ?").toList());
        Map<Key, KeyUse> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(eachOfThem)) {
            int index = 1;
            for (Key key : keys) {
                select.setString(index++, key.workspaceId());
                select.setString(index++, key.key());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Row row = Row.of(rows);
                    stored.put(new Key(row.text("workspace_id"), row.text("idempotency_key")),
                            new KeyUse(new EventId(row.text("event_id")), row.number("deliveries"),
                                    row.instant("created_at")));
                }
            }
        }
        return stored;
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
                insert.setBytes(6, event.payload());
                Params.instant(insert, 7, event.occurredAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertDeliveries(Connection connection, List<NewEvent> appends) throws SQLException {
        if (appends.stream().allMatch(append -> append.deliveries().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERY)) {
            for (NewEvent append : appends) {
                for (Delivery delivery : append.deliveries()) {
                    insert.setString(1, delivery.id().value());
                    insert.setString(2, delivery.workspaceId().value());
                    insert.setString(3, delivery.webhookId().value());
                    insert.setString(4, delivery.eventId().value());
                    insert.setString(5, delivery.eventType().wireName());
                    insert.setString(6, delivery.status().wireName());
                    insert.setInt(7, delivery.attempts());
                    Params.optionalNumber(insert, 8, delivery.lastStatusCode());
                    Params.optionalInstant(insert, 9, delivery.nextAttemptAt());
                    Params.instant(insert, 10, append.leasedUntil());
                    Params.instant(insert, 11, delivery.createdAt());
                    Params.instant(insert, 12, delivery.updatedAt());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void saveKeys(Connection connection, Map<Key, KeyUse> stored, Map<Key, KeyUse> changed)
            throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY);
             PreparedStatement replace = connection.prepareStatement(REPLACE_KEY)) {
            int replacing = 0;
            for (Map.Entry<Key, KeyUse> entry : changed.entrySet()) {
                KeyUse before = stored.get(entry.getKey());
                PreparedStatement statement = before == null ? insert : replace;
                KeyUse use = entry.getValue();
                statement.setString(1, use.eventId().value());
                statement.setInt(2, use.deliveries());
                Params.instant(statement, 3, use.createdAt());
                statement.setString(4, entry.getKey().workspaceId());
                statement.setString(5, entry.getKey().key());
                if (before != null) {
                    Params.instant(statement, 6, before.createdAt());
                    replacing++;
                }
                statement.addBatch();
            }
            if (replacing < changed.size()) {
                insert.executeBatch();
            }
            if (replacing > 0) {
                for (int count : replace.executeBatch()) {
                    if (count != 1) {
                        throw new SQLException("an expired idempotency key was replaced by another append meanwhile");
                    }
                }
            }
        }
    }
}
