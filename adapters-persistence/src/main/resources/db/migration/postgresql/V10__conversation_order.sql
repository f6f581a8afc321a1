-- Per-conversation order: each event of a conversation is numbered (1, 2, 3... in ingest order) from the last
-- number of its (workspace, conversation), and a webhook ordered by conversation gets a later event only once no
-- delivery of an earlier one to it is pending.

-- The last number given in each conversation; a purge drops it once none of the conversation's events is left.
CREATE TABLE conversations (
    workspace_id    varchar(20)              NOT NULL,
    conversation_id varchar(128) COLLATE "C" NOT NULL,
    last_sequence   bigint                   NOT NULL,
    PRIMARY KEY (workspace_id, conversation_id)
);

ALTER TABLE events ADD COLUMN conversation_sequence bigint;
-- What the purge asks when it has deleted events: is any event of this conversation left?
CREATE INDEX events_by_conversation ON events (workspace_id, conversation_id) WHERE conversation_id IS NOT NULL;

-- A delivery's conversation and number, copied from its event, so the claim can ask for a pending predecessor.
ALTER TABLE deliveries ADD COLUMN conversation_id varchar(128) COLLATE "C";
ALTER TABLE deliveries ADD COLUMN conversation_sequence bigint;
CREATE INDEX deliveries_pending_in_conversation ON deliveries (webhook_id, conversation_id, conversation_sequence)
    WHERE status = 'pending' AND conversation_id IS NOT NULL;

-- 'conversation' (in order, the default) or 'none'.
ALTER TABLE webhooks ADD COLUMN ordering varchar(16) NOT NULL DEFAULT 'conversation';
