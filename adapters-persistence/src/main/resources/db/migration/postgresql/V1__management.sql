-- Webhook management: workspaces, their API keys, their agents and the webhooks scoped to those agents.
-- Instants are kept to the microsecond, as the domain cuts them. Events and deliveries come in later versions.
-- Ids that listings order by are compared byte by byte (COLLATE "C"), whatever the database's locale.

CREATE TABLE workspaces (
    workspace_id varchar(20)  NOT NULL PRIMARY KEY,
    name         varchar(100) NOT NULL,
    created_at   timestamptz  NOT NULL
);

CREATE TABLE api_keys (
    key_id       varchar(11) NOT NULL PRIMARY KEY,
    workspace_id varchar(20) NOT NULL REFERENCES workspaces (workspace_id),
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

CREATE TABLE agents (
    workspace_id varchar(20)             NOT NULL REFERENCES workspaces (workspace_id),
    agent_id     varchar(64) COLLATE "C" NOT NULL,
    name         varchar(100)            NOT NULL,
    created_at   timestamptz             NOT NULL,
    PRIMARY KEY (workspace_id, agent_id)
);

CREATE INDEX agents_newest_first ON agents (workspace_id, created_at DESC, agent_id DESC);

-- name, url and secret are bounded by the domain.
CREATE TABLE webhooks (
    webhook_id   varchar(19) COLLATE "C" NOT NULL PRIMARY KEY,
    workspace_id varchar(20)             NOT NULL,
    agent_id     varchar(64) COLLATE "C" NOT NULL,
    name         text                    NOT NULL,
    url          text                    NOT NULL,
    secret       text                    NOT NULL,
    events       text                    NOT NULL,
    active       boolean                 NOT NULL,
    created_at   timestamptz             NOT NULL,
    updated_at   timestamptz             NOT NULL,
    FOREIGN KEY (workspace_id, agent_id) REFERENCES agents (workspace_id, agent_id)
);

CREATE INDEX webhooks_newest_first ON webhooks (workspace_id, created_at DESC, webhook_id DESC);
CREATE INDEX webhooks_by_agent ON webhooks (workspace_id, agent_id);
