-- Per-conversation order: each event of a conversation is numbered (1, 2, 3... in ingest order) after the highest
-- number of its (workspace, conversation) still stored, and a webhook ordered by conversation gets a later event
-- only once no delivery of an earlier one to it is pending.

ALTER TABLE events ADD COLUMN conversation_sequence BIGINT;
-- The numbering reads the highest number of a conversation here; the claim finds a delivery's predecessors here
-- (then their deliveries through deliveries_by_event). H2 has no partial indexes: events without one are in it too.
CREATE INDEX events_in_conversation ON events (workspace_id, conversation_id, conversation_sequence);

-- 'conversation' (in order, the default) or 'none'.
ALTER TABLE webhooks ADD COLUMN ordering VARCHAR(16) NOT NULL DEFAULT 'conversation';
