-- Webhook management: workspaces, their API keys, their agents and the webhooks scoped to those agents.
-- Instants are kept to the microsecond, as the domain cuts them. Events and deliveries come in later versions.

CREATE TABLE workspaces (
    workspace_id VARCHAR(20)                 NOT NULL PRIMARY KEY,
    name         VARCHAR(100)                NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
    key_id       VARCHAR(11)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(20)                 NOT NULL REFERENCES workspaces (workspace_id),
    secret_hash  VARBINARY(32)               NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE
);

CREATE TABLE agents (
    workspace_id VARCHAR(20)                 NOT NULL REFERENCES workspaces (workspace_id),
    agent_id     VARCHAR(64)                 NOT NULL,
    name         VARCHAR(100)                NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, agent_id)
);

CREATE INDEX agents_newest_first ON agents (workspace_id, created_at DESC, agent_id DESC);

-- name, url and secret are bounded by the domain (a name counts code points, which VARCHAR(n) would not).
CREATE TABLE webhooks (
    webhook_id   VARCHAR(19)                 NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(20)                 NOT NULL,
    agent_id     VARCHAR(64)                 NOT NULL,
    name         CHARACTER VARYING           NOT NULL,
    url          CHARACTER VARYING           NOT NULL,
    secret       CHARACTER VARYING           NOT NULL,
    events       CHARACTER VARYING           NOT NULL,
    active       BOOLEAN                     NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    FOREIGN KEY (workspace_id, agent_id) REFERENCES agents (workspace_id, agent_id)
);

CREATE INDEX webhooks_newest_first ON webhooks (workspace_id, created_at DESC, webhook_id DESC);
CREATE INDEX webhooks_by_agent ON webhooks (workspace_id, agent_id);
