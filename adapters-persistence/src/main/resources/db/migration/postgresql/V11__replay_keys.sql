-- Replays of a webhook's events (POST /v1/webhooks/{id}/replay) add rows to deliveries; this keeps their
-- Idempotency-Key: a key names the outcome of the replay that first used it for its webhook (next_cursor: where the
-- replay's window goes on, PageCursor.encode(), null when done); once older than its window, the next use replaces
-- it. Removing the webhook removes its keys.
CREATE TABLE replay_keys (
    webhook_id      varchar(19) COLLATE "C"  NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    idempotency_key varchar(128) COLLATE "C" NOT NULL,
    workspace_id    varchar(20)              NOT NULL,
    replayed        integer                  NOT NULL,
    next_cursor     text,
    created_at      timestamptz              NOT NULL,
    PRIMARY KEY (webhook_id, idempotency_key)
);
