package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.event.AgentEvent;

/**
 * Delivery in conversation order, in SQL: a delivery ({@code d}) of an event ({@code e}) to a webhook ({@code w})
 * ordered by conversation waits while a delivery of an earlier event of its conversation to that webhook is
 * pending. The question walks the {@code events_in_conversation} index to the conversation's earlier events, then
 * {@code deliveries_by_event} to their deliveries; a conversation's first event waits for nothing.
 */
final class ConversationOrder {
    /** Whether {@code d} waits for a pending predecessor; false for a delivery of no conversation. */
    private static final String WAITS = """
            (COALESCE(e.conversation_sequence, 0) > 1 AND w.ordering = 'conversation'
             AND EXISTS (SELECT 1 FROM events pe JOIN deliveries p ON p.event_id = pe.event_id
                         WHERE pe.workspace_id = e.workspace_id AND pe.conversation_id = e.conversation_id
                           AND pe.conversation_sequence < e.conversation_sequence
                           AND p.webhook_id = d.webhook_id AND p.status = 'pending'))""";

    /** A job's column: it goes ahead of a pending predecessor (only when the hold below let it). */
    static final String RELEASED_COLUMN = "CASE WHEN " + WAITS + " THEN 1 ELSE 0 END AS order_released";

    /** A claim's condition, with one parameter: deliveries created before it have waited long enough. */
    static final String CLAIMABLE = " AND (d.created_at < ? OR NOT " + WAITS + ")";

    private static final String HELD_AT_INSERT = """
            SELECT d.delivery_id FROM deliveries d JOIN webhooks w ON w.webhook_id = d.webhook_id
            JOIN events e ON e.event_id = d.event_id
            WHERE d.delivery_id = ? AND """ + WAITS;

    private static final String UNLEASE = "UPDATE deliveries SET lease_until = NULL WHERE delivery_id = ?";

    private ConversationOrder() {}

    /**
     * Of the appends' deliveries, just inserted, those that wait for an earlier event of their conversation (stored
     * before, or earlier in these appends): their leases are taken back, so that the caller does not attempt them
     * and a claim takes each once it is free to go. The first event of a conversation waits for nothing.
     */
    static Set<DeliveryId> holdBehindEarlier(Connection connection, List<NewEvent> appends) throws SQLException {
        List<DeliveryId> candidates = new ArrayList<>();
        for (NewEvent append : appends) {
            AgentEvent event = append.event();
            if (event.sequence().isPresent() && event.sequence().getAsLong() > 1) {
                append.deliveries().stream().map(Delivery::id).forEach(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<DeliveryId> held = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(HELD_AT_INSERT)) {
            for (DeliveryId candidate : candidates) {
                select.setString(1, candidate.value());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        held.add(candidate);
                    }
                }
            }
        }
        if (!held.isEmpty()) {
            Batches.executeForEach(
                    connection, UNLEASE, held.stream().map(DeliveryId::value).toList());
        }
        return held;
    }
}
