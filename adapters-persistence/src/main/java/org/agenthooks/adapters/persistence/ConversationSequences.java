package org.agenthooks.adapters.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.event.AgentEvent;

/**
 * The {@code conversations} table: the last number given to an event of each (workspace, conversation). Appends
 * number their events in the append's transaction; the row's lock makes the numbers of one conversation follow
 * ingest order across processes on PostgreSQL (an append waits for another's commit of the same conversation, then
 * reads its number).
 */
final class ConversationSequences {
    /** One statement for the whole batch: each conversation's number moved on by its count of new events. */
    private static final String NEXT_POSTGRESQL = """
            INSERT INTO conversations (workspace_id, conversation_id, last_sequence)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[])
            ON CONFLICT (workspace_id, conversation_id)
            DO UPDATE SET last_sequence = conversations.last_sequence + excluded.last_sequence
            RETURNING workspace_id, conversation_id, last_sequence""";

    private static final String MOVE_ON_H2 = "UPDATE conversations SET last_sequence = last_sequence + ?"
            + " WHERE workspace_id = ? AND conversation_id = ?";
    private static final String READ_H2 =
            "SELECT last_sequence FROM conversations WHERE workspace_id = ? AND conversation_id = ?";
    private static final String START_H2 =
            "INSERT INTO conversations (workspace_id, conversation_id, last_sequence) VALUES (?, ?, ?)";

    private static final String FORGET = """
            DELETE FROM conversations c WHERE c.workspace_id = ? AND c.conversation_id = ?
              AND NOT EXISTS (SELECT 1 FROM events e
                              WHERE e.workspace_id = c.workspace_id AND e.conversation_id = c.conversation_id)""";

    /** A conversation, as the table keys it; sorted, so that processes lock rows in one order and never deadlock. */
    record Key(String workspaceId, String conversationId) implements Comparable<Key> {
        static Key of(AgentEvent event) {
            return new Key(
                    event.workspaceId().value(),
                    event.conversationId().orElseThrow().value());
        }

        @Override
        public int compareTo(Key other) {
            int byWorkspace = workspaceId.compareTo(other.workspaceId);
            return byWorkspace != 0 ? byWorkspace : conversationId.compareTo(other.conversationId);
        }
    }

    private ConversationSequences() {}

    /** The appends with the events of a conversation numbered, in their order, after the last number stored. */
    static List<NewEvent> number(Connection connection, Dialect dialect, List<NewEvent> appends) throws SQLException {
        Map<Key, Long> counts = new TreeMap<>();
        for (NewEvent append : appends) {
            if (append.event().conversationId().isPresent()) {
                counts.merge(Key.of(append.event()), 1L, Long::sum);
            }
        }
        if (counts.isEmpty()) {
            return appends;
        }
        Map<Key, Long> last =
                dialect == Dialect.POSTGRESQL ? moveOnPostgresql(connection, counts) : moveOnH2(connection, counts);
        // The first new number of each conversation: its last one less the new events, plus one.
        Map<Key, Long> next = new HashMap<>();
        counts.forEach((key, count) -> next.put(key, last.get(key) - count + 1));
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
                    append.leasedUntil()));
        }
        return numbered;
    }

    /** Drops the numbering of those conversations none of whose events is left (they start again from 1). */
    static void forgetEmptied(Connection connection, Collection<Key> conversations) throws SQLException {
        if (conversations.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(FORGET)) {
            for (Key key : conversations) {
                delete.setString(1, key.workspaceId());
                delete.setString(2, key.conversationId());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static Map<Key, Long> moveOnPostgresql(Connection connection, Map<Key, Long> counts) throws SQLException {
        List<Key> keys = List.copyOf(counts.keySet());
        Array workspaces = connection.createArrayOf(
                "varchar", keys.stream().map(Key::workspaceId).toArray());
        Array conversations = connection.createArrayOf(
                "varchar", keys.stream().map(Key::conversationId).toArray());
        Array added = connection.createArrayOf(
                "bigint", keys.stream().map(counts::get).toArray());
        Map<Key, Long> last = new HashMap<>();
        try (PreparedStatement upsert = connection.prepareStatement(NEXT_POSTGRESQL)) {
            upsert.setArray(1, workspaces);
            upsert.setArray(2, conversations);
            upsert.setArray(3, added);
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    last.put(new Key(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        return last;
    }

    /** H2 serves one process: a row's update or insert is enough, its lock orders this process's committers. */
    private static Map<Key, Long> moveOnH2(Connection connection, Map<Key, Long> counts) throws SQLException {
        Map<Key, Long> last = new HashMap<>();
        try (PreparedStatement update = connection.prepareStatement(MOVE_ON_H2);
                PreparedStatement read = connection.prepareStatement(READ_H2);
                PreparedStatement insert = connection.prepareStatement(START_H2)) {
            for (Map.Entry<Key, Long> entry : counts.entrySet()) {
                Key key = entry.getKey();
                update.setLong(1, entry.getValue());
                update.setString(2, key.workspaceId());
                update.setString(3, key.conversationId());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, key.workspaceId());
                    insert.setString(2, key.conversationId());
                    insert.setLong(3, entry.getValue());
                    insert.executeUpdate();
                    last.put(key, entry.getValue());
                    continue;
                }
                read.setString(1, key.workspaceId());
                read.setString(2, key.conversationId());
                try (ResultSet rows = read.executeQuery()) {
                    rows.next();
                    last.put(key, rows.getLong(1));
                }
            }
        }
        return last;
    }
}
