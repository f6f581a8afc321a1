-- The purge deletes the idempotency keys first used before its cutoff; this keeps it from reading the whole table.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
