-- The outbox: ingested events, the idempotency keys that name them, one delivery per event and webhook, and the
-- attempts of each delivery. An event and all its deliveries are written in one transaction.

-- payload is AgentEvent.payload() byte for byte: what every attempt sends and signs.
CREATE TABLE events (
    event_id        VARCHAR(26)                 NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(20)                 NOT NULL,
    agent_id        VARCHAR(64)                 NOT NULL,
    type            VARCHAR(64)                 NOT NULL,
    conversation_id VARCHAR(128),
    payload         VARBINARY                   NOT NULL,
    occurred_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- A key names the event it first came with; once older than its window, the next use replaces it.
CREATE TABLE idempotency_keys (
    workspace_id    VARCHAR(20)                 NOT NULL,
    idempotency_key VARCHAR(128)                NOT NULL,
    event_id        VARCHAR(26)                 NOT NULL,
    deliveries      INTEGER                     NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);

-- lease_until: until when one process holds the delivery for an attempt (null: nobody does).
CREATE TABLE deliveries (
    delivery_id      VARCHAR(26)                 NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(20)                 NOT NULL,
    webhook_id       VARCHAR(19)                 NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    event_id         VARCHAR(26)                 NOT NULL REFERENCES events (event_id),
    event_type       VARCHAR(64)                 NOT NULL,
    status           VARCHAR(16)                 NOT NULL,
    attempts         INTEGER                     NOT NULL,
    last_status_code INTEGER,
    next_attempt_at  TIMESTAMP(6) WITH TIME ZONE,
    lease_until      TIMESTAMP(6) WITH TIME ZONE,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- H2 has no partial indexes; the claim reads the pending part of this one in next_attempt_at order.
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
-- The listing per webhook, newest first; led by webhook_id so the cascade from webhooks can use it too.
CREATE INDEX deliveries_newest_first ON deliveries (webhook_id, workspace_id, created_at DESC, delivery_id DESC);
CREATE INDEX deliveries_by_event ON deliveries (event_id);

-- response_excerpt is at most AttemptResult.EXCERPT_BYTES bytes of UTF-8, cut at a character boundary.
CREATE TABLE attempts (
    delivery_id      VARCHAR(26)                 NOT NULL REFERENCES deliveries (delivery_id) ON DELETE CASCADE,
    number           INTEGER                     NOT NULL,
    started_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status_code      INTEGER,
    error            CHARACTER VARYING,
    duration_ms      BIGINT                      NOT NULL,
    response_excerpt CHARACTER VARYING           NOT NULL,
    PRIMARY KEY (delivery_id, number)
);
