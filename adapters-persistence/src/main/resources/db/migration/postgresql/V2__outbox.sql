-- The outbox: ingested events, the idempotency keys that name them, one delivery per event and webhook, and the
-- attempts of each delivery. An event and all its deliveries are written in one transaction.
-- Ids that listings order by are compared byte by byte (COLLATE "C"), whatever the database's locale.

-- payload is AgentEvent.payload() byte for byte: what every attempt sends and signs.
CREATE TABLE events (
    event_id        varchar(26) COLLATE "C" NOT NULL PRIMARY KEY,
    workspace_id    varchar(20)             NOT NULL,
    agent_id        varchar(64) COLLATE "C" NOT NULL,
    type            varchar(64)             NOT NULL,
    conversation_id varchar(128),
    payload         bytea                   NOT NULL,
    occurred_at     timestamptz             NOT NULL
);

-- A key names the event it first came with; once older than its window, the next use replaces it.
CREATE TABLE idempotency_keys (
    workspace_id    varchar(20)              NOT NULL,
    idempotency_key varchar(128) COLLATE "C" NOT NULL,
    event_id        varchar(26) COLLATE "C"  NOT NULL,
    deliveries      integer                  NOT NULL,
    created_at      timestamptz              NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);

-- lease_until: until when one process holds the delivery for an attempt (null: nobody does).
CREATE TABLE deliveries (
    delivery_id      varchar(26) COLLATE "C" NOT NULL PRIMARY KEY,
    workspace_id     varchar(20)             NOT NULL,
    webhook_id       varchar(19) COLLATE "C" NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    event_id         varchar(26) COLLATE "C" NOT NULL REFERENCES events (event_id),
    event_type       varchar(64)             NOT NULL,
    status           varchar(16)             NOT NULL,
    attempts         integer                 NOT NULL,
    last_status_code integer,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    created_at       timestamptz             NOT NULL,
    updated_at       timestamptz             NOT NULL
);

-- What the claim reads: only pending deliveries are ever due, and most deliveries are long done.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
-- The listing per webhook, newest first; led by webhook_id so the cascade from webhooks can use it too.
CREATE INDEX deliveries_newest_first ON deliveries (webhook_id, workspace_id, created_at DESC, delivery_id DESC);
CREATE INDEX deliveries_by_event ON deliveries (event_id);

-- response_excerpt is at most AttemptResult.EXCERPT_BYTES bytes of UTF-8, cut at a character boundary.
CREATE TABLE attempts (
    delivery_id      varchar(26) COLLATE "C" NOT NULL REFERENCES deliveries (delivery_id) ON DELETE CASCADE,
    number           integer                 NOT NULL,
    started_at       timestamptz             NOT NULL,
    status_code      integer,
    error            text,
    duration_ms      bigint                  NOT NULL,
    response_excerpt text                    NOT NULL,
    PRIMARY KEY (delivery_id, number)
);
