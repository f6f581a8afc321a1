package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agenthooks.application.port.out.DeliveryJob;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.domain.delivery.Delivery;
import org.agenthooks.domain.delivery.DeliveryId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.event.TraceParent;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.SigningSecrets;
import org.agenthooks.domain.webhook.WebhookId;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Rows of the {@code deliveries} table: inserted by {@link JdbcEventRepository}'s appends, read by
 * {@link JdbcDeliveryRepository} as deliveries, and as jobs when joined with their webhook and event.
 */
final class DeliveryRows {
    static final String COLUMNS = "delivery_id, workspace_id, webhook_id, event_id, event_type,"
            + " status, attempts, last_status_code, next_attempt_at, created_at, updated_at";
    static final String INSERT = """
            INSERT INTO deliveries (delivery_id, workspace_id, webhook_id, event_id, event_type, status, attempts,
                                    last_status_code, next_attempt_at, lease_until, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** How many webhook ids one look-up names at most, well within either database's limit of parameters. */
    private static final int IDS_PER_LOOK_UP = 500;

    private DeliveryRows() {}

    /** Which of the webhooks the appends' deliveries go to still exist. */
    static Set<WebhookId> existingWebhooks(Connection connection, List<NewEvent> appends) throws SQLException {
        List<WebhookId> asked = appends.stream()
                .flatMap(append -> append.deliveries().stream())
                .map(Delivery::webhookId)
                .distinct()
                .toList();
        Set<WebhookId> existing = new HashSet<>();
        for (int from = 0; from < asked.size(); from += IDS_PER_LOOK_UP) {
            List<WebhookId> part = asked.subList(from, Math.min(from + IDS_PER_LOOK_UP, asked.size()));
            String sql = "SELECT webhook_id FROM webhooks WHERE webhook_id IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 1, part.get(i).value());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        existing.add(new WebhookId(rows.getString(1)));
                    }
                }
            }
        }
        return existing;
    }

    /** Inserts the appends' deliveries, each leased until its append's {@code leasedUntil}. */
    static void insert(Connection connection, List<NewEvent> appends) throws SQLException {
        if (appends.stream().allMatch(append -> append.deliveries().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewEvent append : appends) {
                for (Delivery delivery : append.deliveries()) {
                    addToInsert(insert, delivery, Optional.of(append.leasedUntil()));
                }
            }
            insert.executeBatch();
        }
    }

    /** Binds one delivery to {@link #INSERT} and adds it to the batch; unleased when {@code leasedUntil} is empty. */
    static void addToInsert(PreparedStatement insert, Delivery delivery, Optional<Instant> leasedUntil)
            throws SQLException {
        insert.setString(1, delivery.id().value());
        insert.setString(2, delivery.workspaceId().value());
        insert.setString(3, delivery.webhookId().value());
        insert.setString(4, delivery.eventId().value());
        insert.setString(5, delivery.eventType().wireName());
        insert.setString(6, delivery.status().wireName());
        insert.setInt(7, delivery.attempts());
        Params.optionalNumber(insert, 8, delivery.lastStatusCode());
        Params.optionalInstant(insert, 9, delivery.nextAttemptAt());
        Params.optionalInstant(insert, 10, leasedUntil);
        Params.instant(insert, 11, delivery.createdAt());
        Params.instant(insert, 12, delivery.updatedAt());
        insert.addBatch();
    }

    static Delivery toDelivery(Row row) {
        return new Delivery(
                new DeliveryId(row.text("delivery_id")),
                new WorkspaceId(row.text("workspace_id")),
                new WebhookId(row.text("webhook_id")),
                new EventId(row.text("event_id")),
                row.named("event_type", EventType::fromWireName, "event type"),
                row.named("status", DeliveryStatus::fromWireName, "status"),
                row.number("attempts"),
                row.optionalNumber("last_status_code"),
                row.optionalInstant("next_attempt_at"),
                row.instant("created_at"),
                row.instant("updated_at"));
    }

    /**
     * A delivery's row with its webhook's {@code url}, sealed {@code secret} and {@code previous_secret} (with
     * {@code previous_secret_expires_at}), its event's {@code payload} and {@code trace_parent}, and {@code order_released}
     * ({@link ConversationOrder#RELEASED_COLUMN}).
     */
    static DeliveryJob toJob(Row row, SecretSealer sealer) {
        Secret secret = Secret.of(sealer.open(row.text("secret"), row.text("webhook_id")));
        return new DeliveryJob(
                toDelivery(row),
                new WebhookUrl(row.text("url")),
                new SigningSecrets(secret, JdbcWebhookRepository.previousSecret(sealer, row)),
                row.bytes("payload"),
                row.number("order_released") == 1,
                // Written by us, so well formed; an unreadable one is no reason not to deliver.
                row.optionalText("trace_parent").flatMap(TraceParent::parse));
    }
}
