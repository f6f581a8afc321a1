package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.event.EventId;

/**
 * The idempotency-key rules of appends, over the {@code idempotency_keys} table, for the appends written in one
 * transaction. An append whose key (per workspace) was used at or after its {@code keyNotBefore} is a repeat: it
 * stores nothing and answers with the event that used the key. The use may be stored already, or be an append
 * before it in the same transaction. Any other keyed append becomes its key's latest use.
 * <p>
 * Appends racing with one key: within a transaction the first wins and the rest are repeats. Across processes the
 * key's row decides. A new key is inserted, so the loser hits the primary key; an expired key is replaced only if
 * nobody replaced it since it was read. Either way the loser's transaction fails; written again, it finds the
 * winner's key ({@link #WRITES_ALONE}).
 */
final class IdempotencyKeys {
    /**
     * How many times an append committed alone is written before its failure stands: once more for one that lost a
     * race for its key, so that it finds the winner's.
     */
    static final int WRITES_ALONE = 2;

    private static final String INSERT = """
            INSERT INTO idempotency_keys (event_id, deliveries, created_at, workspace_id, idempotency_key)
            VALUES (?, ?, ?, ?, ?)""";
    // Replaces an expired key only if nobody replaced it since it was read; otherwise the batch fails and is retried.
    private static final String REPLACE = """
            UPDATE idempotency_keys SET event_id = ?, deliveries = ?, created_at = ?
            WHERE workspace_id = ? AND idempotency_key = ? AND created_at = ?""";

    private record Key(String workspaceId, String key) {}

    private record KeyUse(EventId eventId, int deliveries, Instant createdAt) {}

    private final Map<Key, KeyUse> stored;
    private final Map<Key, KeyUse> latest;
    private final Map<Key, KeyUse> changed = new LinkedHashMap<>();

    private IdempotencyKeys(Map<Key, KeyUse> stored) {
        this.stored = stored;
        this.latest = new HashMap<>(stored);
    }

    /** The stored uses of the appends' keys, read in the transaction that writes the appends. */
    static IdempotencyKeys lookUp(Connection connection, List<NewEvent> appends) throws SQLException {
        Set<Key> keys = new LinkedHashSet<>();
        appends.forEach(append -> keyOf(append).ifPresent(keys::add));
        if (keys.isEmpty()) {
            return new IdempotencyKeys(Map.of());
        }
        // One primary-key lookup per key. As one WHERE with an OR per key, both databases scanned the table.
        String eachOfThem = String.join(
                " UNION ALL ",
                keys.stream()
                        .map(key -> "SELECT workspace_id,"
                                + " idempotency_key, event_id, deliveries, created_at FROM idempotency_keys"
                                + " WHERE workspace_id = ? AND idempotency_key = ?")
                        .toList());
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
                    stored.put(
                            new Key(row.text("workspace_id"), row.text("idempotency_key")),
                            new KeyUse(
                                    new EventId(row.text("event_id")),
                                    row.number("deliveries"),
                                    row.instant("created_at")));
                }
            }
        }
        return new IdempotencyKeys(stored);
    }

    /**
     * The answer to {@code append} if it is a repeat: its key was used within its window, stored or by an append
     * taken before it ({@link #use}). Empty for an append without a key.
     */
    Optional<AppendResult> earlierUse(NewEvent append) {
        return keyOf(append)
                .map(latest::get)
                .filter(earlier -> !earlier.createdAt().isBefore(append.keyNotBefore()))
                .map(earlier -> new AppendResult(earlier.eventId(), earlier.deliveries(), true));
    }

    /** Makes {@code append}, which is stored, its key's latest use; nothing for an append without a key. */
    void use(NewEvent append) {
        keyOf(append).ifPresent(key -> {
            KeyUse use = new KeyUse(
                    append.event().id(),
                    append.deliveries().size(),
                    append.event().occurredAt());
            latest.put(key, use);
            changed.put(key, use);
        });
    }

    /**
     * Writes the keys' latest uses: new keys are inserted, expired ones replaced.
     *
     * @throws SQLException if an expired key was replaced by another process since {@link #lookUp}
     */
    void save(Connection connection) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement replace = connection.prepareStatement(REPLACE)) {
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

    private static Optional<Key> keyOf(NewEvent append) {
        return append.idempotencyKey()
                .map(key -> new Key(append.event().workspaceId().value(), key.value()));
    }
}
