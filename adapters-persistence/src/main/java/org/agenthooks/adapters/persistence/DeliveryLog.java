package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agenthooks.application.port.out.Backlog;
import org.agenthooks.application.port.query.HourlyDeliveryCount;
import org.agenthooks.application.port.query.ListDeliveriesQuery;
import org.agenthooks.application.port.query.Page;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** The reads of {@link JdbcDeliveryRepository}: deliveries, their attempts and hourly counts, for the delivery log. */
final class DeliveryLog {
    /**
     * Hours are counted from the epoch in UTC whatever the session's time zone. The conditions are those that lead
     * the index deliveries_newest_first (webhook_id, workspace_id, created_at), so only the webhook's deliveries
     * of the time span are read.
     */
    static final String COUNT_BY_HOUR = """
            SELECT FLOOR(EXTRACT(EPOCH FROM created_at) / 3600) AS epoch_hour, status, COUNT(*) AS deliveries
            FROM deliveries
            WHERE webhook_id = :webhookId AND workspace_id = :workspaceId
              AND created_at >= :since AND created_at < :until
            GROUP BY FLOOR(EXTRACT(EPOCH FROM created_at) / 3600), status""";

    private final DbClient db;

    DeliveryLog(DbClient db) {
        this.db = db;
    }

    Optional<Delivery> find(WorkspaceId workspaceId, DeliveryId deliveryId) {
        return db.execute()
                .createGet("SELECT " + DeliveryRows.COLUMNS + " FROM deliveries"
                        + " WHERE workspace_id = :workspaceId AND delivery_id = :deliveryId")
                .addParam("workspaceId", workspaceId.value())
                .addParam("deliveryId", deliveryId.value())
                .execute()
                .map(Row::of)
                .map(DeliveryRows::toDelivery);
    }

    List<Delivery> forEvent(WorkspaceId workspaceId, EventId eventId) {
        return db.execute()
                .createQuery("SELECT " + DeliveryRows.COLUMNS + " FROM deliveries"
                        + " WHERE workspace_id = :workspaceId AND event_id = :eventId ORDER BY delivery_id")
                .addParam("workspaceId", workspaceId.value())
                .addParam("eventId", eventId.value())
                .execute()
                .map(Row::of)
                .map(DeliveryRows::toDelivery)
                .toList();
    }

    Page<Delivery> list(ListDeliveriesQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + DeliveryRows.COLUMNS + " FROM deliveries"
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

        List<Delivery> rows = db.execute()
                .createQuery(sql.toString())
                .params(params)
                .execute()
                .map(Row::of)
                .map(DeliveryRows::toDelivery)
                .toList();
        return Page.of(
                rows,
                query.limit(),
                delivery -> new PageCursor(delivery.createdAt(), delivery.id().value()));
    }

    List<Attempt> attempts(DeliveryId deliveryId) {
        return db.execute()
                .createQuery("""
                        SELECT delivery_id, number, started_at, status_code, error, duration_ms, response_excerpt
                        FROM attempts WHERE delivery_id = :deliveryId ORDER BY number""")
                .addParam("deliveryId", deliveryId.value())
                .execute()
                .map(Row::of)
                .map(AttemptRows::toAttempt)
                .toList();
    }

    /** The pending deliveries of active webhooks: on PostgreSQL through the partial index of pending ones. */
    Backlog backlog() {
        Row row = db.execute().createGet("""
                        SELECT COUNT(*) AS pending, MIN(d.created_at) AS oldest_created_at
                        FROM deliveries d
                        JOIN webhooks w ON w.webhook_id = d.webhook_id
                        WHERE d.status = 'pending' AND w.active""").execute().map(Row::of).orElseThrow();
        long pending = row.longNumber("pending");
        return pending == 0 ? Backlog.EMPTY : new Backlog(pending, row.optionalInstant("oldest_created_at"));
    }

    List<HourlyDeliveryCount> countByHour(WorkspaceId workspaceId, WebhookId webhookId, Instant from, Instant until) {
        return db.execute()
                .createQuery(COUNT_BY_HOUR)
                .addParam("webhookId", webhookId.value())
                .addParam("workspaceId", workspaceId.value())
                .addParam("since", SqlTime.of(from))
                .addParam("until", SqlTime.of(until))
                .execute()
                .map(Row::of)
                .map(row -> new HourlyDeliveryCount(
                        Instant.ofEpochSecond(row.longNumber("epoch_hour") * 3600),
                        row.named("status", DeliveryStatus::fromWireName, "delivery status"),
                        row.longNumber("deliveries")))
                .toList();
    }
}
