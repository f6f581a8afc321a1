-- Auto-disable: when a webhook's current run of failed attempts began (cleared by any success), and why and when
-- the service turned it off by itself (null unless it did, cleared when it is resumed).
ALTER TABLE webhooks ADD COLUMN failing_since TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE webhooks ADD COLUMN disabled_reason VARCHAR(1000);
ALTER TABLE webhooks ADD COLUMN disabled_at TIMESTAMP(6) WITH TIME ZONE;
