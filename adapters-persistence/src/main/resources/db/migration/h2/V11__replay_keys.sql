-- Replays of a webhook's events (POST /v1/webhooks/{id}/replay) add rows to deliveries; this keeps their
-- Idempotency-Key: a key names the outcome of the replay that first used it for its webhook (next_cursor: where the
-- replay's window goes on, PageCursor.encode(), null when done); once older than its window, the next use replaces
-- it. Removing the webhook removes its keys.
CREATE TABLE replay_keys (
    webhook_id      VARCHAR(19)                 NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    idempotency_key VARCHAR(128)                NOT NULL,
    workspace_id    VARCHAR(20)                 NOT NULL,
    replayed        INTEGER                     NOT NULL,
    next_cursor     VARCHAR,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (webhook_id, idempotency_key)
);
