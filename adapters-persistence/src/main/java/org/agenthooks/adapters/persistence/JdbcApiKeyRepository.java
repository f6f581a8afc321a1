package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.domain.workspace.ApiKey;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.agenthooks.domain.workspace.WorkspaceId;

/** API keys in the {@code api_keys} table: the public id and the hash of the secret part, never the secret. */
public final class JdbcApiKeyRepository implements ApiKeyRepository {
    private final DbClient db;

    public JdbcApiKeyRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(ApiKey key) {
        db.execute()
                .createInsert("""
                        INSERT INTO api_keys (key_id, workspace_id, secret_hash, created_at, revoked_at)
                        VALUES (:keyId, :workspaceId, :secretHash, :createdAt, :revokedAt)""")
                .addParam("keyId", key.id().value())
                .addParam("workspaceId", key.workspaceId().value())
                .addParam("secretHash", key.secretHash())
                .addParam("createdAt", SqlTime.of(key.createdAt()))
                .addParam("revokedAt", key.revokedAt().map(SqlTime::of).orElse(null))
                .execute();
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId keyId) {
        return db.execute()
                .createGet("""
                        SELECT key_id, workspace_id, secret_hash, created_at, revoked_at FROM api_keys
                        WHERE key_id = :keyId""")
                .addParam("keyId", keyId.value())
                .execute()
                .map(Row::of)
                .map(JdbcApiKeyRepository::toApiKey);
    }

    @Override
    public boolean revoke(ApiKeyId keyId, Instant at) {
        // A key revoked before keeps its first revocation time; it still exists, so this reports true.
        return db.execute()
                        .createUpdate("""
                        UPDATE api_keys SET revoked_at = COALESCE(revoked_at, :revokedAt)
                        WHERE key_id = :keyId""")
                        .addParam("revokedAt", SqlTime.of(at))
                        .addParam("keyId", keyId.value())
                        .execute()
                == 1;
    }

    @Override
    public long revocations() {
        return db.execute()
                .createGet("SELECT COUNT(*) AS revoked FROM api_keys WHERE revoked_at IS NOT NULL")
                .execute()
                .map(Row::of)
                .orElseThrow()
                .longNumber("revoked");
    }

    private static ApiKey toApiKey(Row row) {
        return new ApiKey(
                new ApiKeyId(row.text("key_id")),
                new WorkspaceId(row.text("workspace_id")),
                row.bytes("secret_hash"),
                row.instant("created_at"),
                row.optionalInstant("revoked_at"));
    }
}
