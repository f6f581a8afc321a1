-- Secrets at rest and rotation with overlap. secret (and previous_secret) now hold values sealed with AES-256-GCM
-- ('v1:<master key id>:<base64>'); rows stored before this are sealed at start-up (JdbcWebhookRepository
-- .sealPlaintextSecrets), since SQL has no master key. A rotation keeps the replaced secret signing until
-- previous_secret_expires_at; both are NULL outside an overlap.
ALTER TABLE webhooks ADD COLUMN previous_secret text;
ALTER TABLE webhooks ADD COLUMN previous_secret_expires_at timestamptz;
