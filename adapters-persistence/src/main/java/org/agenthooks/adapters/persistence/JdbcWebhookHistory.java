package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClientException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agenthooks.application.port.out.Replay;
import org.agenthooks.application.port.out.WebhookEventsQuery;
import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.application.port.query.ReplayOutcome;
import org.agenthooks.application.port.query.WebhookEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.IdempotencyKey;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * {@link WebhookHistory} over the {@code events} and {@code deliveries} tables, with replays' keys in
 * {@code replay_keys}. A webhook's events are read through its deliveries ({@code deliveries_newest_first}, led by
 * the webhook): no delivery is created before its event occurred, so the window's start bounds them too.
 */
public final class JdbcWebhookHistory implements WebhookHistory {
    // The latest delivery of each event to the webhook: no later one of the same event and webhook exists.
    private static final String EVENTS = """
            SELECT e.event_id, e.workspace_id, e.agent_id, e.type, e.conversation_id, e.conversation_sequence, e.payload, e.occurred_at,
                   d.status
            FROM deliveries d JOIN events e ON e.event_id = d.event_id
            WHERE d.webhook_id = ? AND d.workspace_id = ? AND d.created_at >= ?
              AND e.occurred_at >= ? AND e.occurred_at < ?
              AND (e.occurred_at > ? OR (e.occurred_at = ? AND e.event_id > ?))
              AND NOT EXISTS (SELECT 1 FROM deliveries later
                              WHERE later.event_id = d.event_id AND later.webhook_id = d.webhook_id
                                AND (later.created_at > d.created_at
                                     OR (later.created_at = d.created_at AND later.delivery_id > d.delivery_id)))
            """;
    private static final String ORDER = " ORDER BY e.occurred_at, e.event_id LIMIT ?";
    private static final String KEY = """
            SELECT replayed, next_cursor, created_at FROM replay_keys
            WHERE webhook_id = ? AND workspace_id = ? AND idempotency_key = ?""";
    private static final String INSERT_KEY = """
            INSERT INTO replay_keys (replayed, next_cursor, created_at, webhook_id, workspace_id, idempotency_key)
            VALUES (?, ?, ?, ?, ?, ?)""";
    // Replaces an expired key only if nobody replaced it since it was read; otherwise the transaction fails.
    private static final String REPLACE_KEY = """
            UPDATE replay_keys SET replayed = ?, next_cursor = ?, created_at = ?
            WHERE webhook_id = ? AND workspace_id = ? AND idempotency_key = ? AND created_at = ?""";
    private static final String WEBHOOK_EXISTS = "SELECT 1 FROM webhooks WHERE webhook_id = ? AND workspace_id = ?";
    private static final PageCursor BEFORE_ALL = new PageCursor(Instant.EPOCH, "");

    private record KeyUse(ReplayOutcome outcome, Instant createdAt) {}

    private final Database database;

    public JdbcWebhookHistory(Database database) {
        this.database = database;
    }

    @Override
    public List<WebhookEvent> events(WebhookEventsQuery query) {
        String sql = EVENTS + (query.status().isPresent() ? " AND d.status = ?" : "") + ORDER;
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                PageCursor after = query.after().orElse(BEFORE_ALL);
                int i = 1;
                select.setString(i++, query.webhookId().value());
                select.setString(i++, query.workspaceId().value());
                Params.instant(select, i++, query.since());
                Params.instant(select, i++, query.since());
                Params.instant(select, i++, query.until());
                Params.instant(select, i++, after.createdAt());
                Params.instant(select, i++, after.createdAt());
                select.setString(i++, after.id());
                if (query.status().isPresent()) {
                    select.setString(i++, query.status().get().wireName());
                }
                select.setInt(i, query.fetch());
                List<WebhookEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Row row = Row.of(rows);
                        events.add(new WebhookEvent(
                                JdbcEventRepository.toEvent(row),
                                row.named("status", DeliveryStatus::fromWireName, "status")));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public Optional<ReplayOutcome> replayed(
            WorkspaceId workspaceId, WebhookId webhookId, IdempotencyKey key, Instant notBefore) {
        return database.inTransaction(connection -> keyUse(connection, workspaceId, webhookId, key))
                .filter(use -> !use.createdAt().isBefore(notBefore))
                .map(KeyUse::outcome);
    }

    @Override
    public ReplayOutcome record(Replay replay, Instant keyNotBefore) {
        try {
            return database.inTransaction(connection -> write(connection, replay, keyNotBefore));
        } catch (DbClientException lostARace) {
            // Another replay with this key was committed between this one's read and write: answer with its outcome.
            if (replay.key().isPresent()) {
                Optional<ReplayOutcome> winner = replayed(
                        replay.workspaceId(), replay.webhookId(), replay.key().get(), keyNotBefore);
                if (winner.isPresent()) {
                    return winner.get();
                }
            }
            throw lostARace;
        }
    }

    private static ReplayOutcome write(Connection connection, Replay replay, Instant keyNotBefore) throws SQLException {
        Optional<KeyUse> earlier = Optional.empty();
        if (replay.key().isPresent()) {
            earlier = keyUse(
                    connection,
                    replay.workspaceId(),
                    replay.webhookId(),
                    replay.key().get());
            if (earlier.isPresent() && !earlier.get().createdAt().isBefore(keyNotBefore)) {
                return earlier.get().outcome();
            }
        }
        if (!webhookExists(connection, replay)) {
            return new ReplayOutcome(0, Optional.empty());
        }
        insertDeliveries(connection, replay.deliveries());
        if (replay.key().isPresent()) {
            saveKey(connection, replay, earlier);
        }
        return replay.outcome();
    }

    private static Optional<KeyUse> keyUse(
            Connection connection, WorkspaceId workspaceId, WebhookId webhookId, IdempotencyKey key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(KEY)) {
            select.setString(1, webhookId.value());
            select.setString(2, workspaceId.value());
            select.setString(3, key.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Row row = Row.of(rows);
                ReplayOutcome outcome = new ReplayOutcome(
                        row.number("replayed"), row.optionalText("next_cursor").map(PageCursor::decode));
                return Optional.of(new KeyUse(outcome, row.instant("created_at")));
            }
        }
    }

    private static boolean webhookExists(Connection connection, Replay replay) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(WEBHOOK_EXISTS)) {
            select.setString(1, replay.webhookId().value());
            select.setString(2, replay.workspaceId().value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void insertDeliveries(Connection connection, List<Delivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(DeliveryRows.INSERT)) {
            for (Delivery delivery : deliveries) {
                DeliveryRows.addToInsert(insert, delivery, Optional.empty());
            }
            insert.executeBatch();
        }
    }

    private static void saveKey(Connection connection, Replay replay, Optional<KeyUse> earlier) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(earlier.isPresent() ? REPLACE_KEY : INSERT_KEY)) {
            statement.setInt(1, replay.outcome().replayed());
            Params.optionalText(statement, 2, replay.outcome().nextCursor().map(PageCursor::encode));
            Params.instant(statement, 3, replay.at());
            statement.setString(4, replay.webhookId().value());
            statement.setString(5, replay.workspaceId().value());
            statement.setString(6, replay.key().orElseThrow().value());
            if (earlier.isPresent()) {
                Params.instant(statement, 7, earlier.get().createdAt());
            }
            if (statement.executeUpdate() != 1) {
                throw new SQLException("an expired replay key was replaced by another replay meanwhile");
            }
        }
    }
}
