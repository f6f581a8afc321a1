package org.agenthooks.adapters.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.event.AgentEvent;

/**
 * Numbers the events of each (workspace, conversation) in an append's transaction: next after the highest number
 * of the conversation still stored ({@code events_in_conversation}). On PostgreSQL the transaction first takes an
 * advisory lock per conversation (released at commit), so another process's append of the same conversation waits
 * for this one's commit and then reads its number; on H2 one process with one committer thread writes appends,
 * so nothing else numbers meanwhile. Nothing else is stored: once a conversation's events are all purged, its
 * numbering starts again at 1.
 */
final class ConversationSequences {
    /** Locks in the order given, which is ascending: processes never wait for each other in a circle. */
    private static final String LOCK_POSTGRESQL =
            "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS t(k)";

    private static final String HIGHEST_POSTGRESQL = """
            SELECT c.w, c.c, (SELECT max(e.conversation_sequence) FROM events e
                              WHERE e.workspace_id = c.w AND e.conversation_id = c.c)
            FROM unnest(?::varchar[], ?::varchar[]) AS c(w, c)""";

    private static final String HIGHEST_H2 = """
            SELECT c.w, c.c, (SELECT max(e.conversation_sequence) FROM events e
                              WHERE e.workspace_id = c.w AND e.conversation_id = c.c)
            FROM UNNEST(?, ?) AS c(w, c)""";

    /** A conversation; sorted, so that locks are taken in one order. */
    record Key(String workspaceId, String conversationId) implements Comparable<Key> {
        static Key of(AgentEvent event) {
            return new Key(
                    event.workspaceId().value(),
                    event.conversationId().orElseThrow().value());
        }

        /** The advisory lock's key: two conversations sharing one only wait for each other. */
        long lockKey() {
            return ((long) workspaceId.hashCode() << 32) ^ (conversationId.hashCode() & 0xFFFFFFFFL);
        }

        @Override
        public int compareTo(Key other) {
            int byWorkspace = workspaceId.compareTo(other.workspaceId);
            return byWorkspace != 0 ? byWorkspace : conversationId.compareTo(other.conversationId);
        }
    }

    private ConversationSequences() {}

    /** The appends with the events of a conversation numbered, in their order, after the highest number stored. */
    static List<NewEvent> number(Connection connection, Dialect dialect, List<NewEvent> appends) throws SQLException {
        Map<Key, Long> next = new TreeMap<>();
        for (NewEvent append : appends) {
            if (append.event().conversationId().isPresent()) {
                next.put(Key.of(append.event()), 1L);
            }
        }
        if (next.isEmpty()) {
            return appends;
        }
        Map<Key, Long> highest =
                dialect == Dialect.POSTGRESQL ? highestPostgresql(connection, next) : highestH2(connection, next);
        highest.forEach((key, stored) -> next.put(key, stored + 1));
        List<NewEvent> numbered = new ArrayList<>(appends.size());
        for (NewEvent append : appends) {
            AgentEvent event = append.event();
            if (event.conversationId().isEmpty()) {
                numbered.add(append);
                continue;
            }
            long sequence = next.merge(Key.of(event), 1L, Long::sum) - 1;
            numbered.add(new NewEvent(
                    event.numbered(sequence),
                    append.idempotencyKey(),
                    append.keyNotBefore(),
                    append.deliveries(),
                    append.leasedUntil(),
                    append.traceParent()));
        }
        return numbered;
    }

    private static Map<Key, Long> highestPostgresql(Connection connection, Map<Key, Long> conversations)
            throws SQLException {
        List<Key> keys = List.copyOf(conversations.keySet());
        Array lockKeys = connection.createArrayOf(
                "bigint", keys.stream().map(Key::lockKey).distinct().sorted().toArray());
        try (PreparedStatement lock = connection.prepareStatement(LOCK_POSTGRESQL)) {
            lock.setArray(1, lockKeys);
            lock.executeQuery().close();
        }
        Map<Key, Long> highest = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(HIGHEST_POSTGRESQL)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar", keys.stream().map(Key::workspaceId).toArray()));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "varchar", keys.stream().map(Key::conversationId).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    highest.put(new Key(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        return highest;
    }

    /** One statement for all: a round trip per event would cost more than the look-ups. */
    private static Map<Key, Long> highestH2(Connection connection, Map<Key, Long> conversations) throws SQLException {
        List<Key> keys = List.copyOf(conversations.keySet());
        Map<Key, Long> highest = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(HIGHEST_H2)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "VARCHAR", keys.stream().map(Key::workspaceId).toArray()));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "VARCHAR", keys.stream().map(Key::conversationId).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    highest.put(new Key(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        return highest;
    }
}
