-- Auto-disable: when a webhook's current run of failed attempts began (cleared by any success), and why and when
-- the service turned it off by itself (null unless it did, cleared when it is resumed).
ALTER TABLE webhooks ADD COLUMN failing_since timestamptz;
ALTER TABLE webhooks ADD COLUMN disabled_reason text;
ALTER TABLE webhooks ADD COLUMN disabled_at timestamptz;
