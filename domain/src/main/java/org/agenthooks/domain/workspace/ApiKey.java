package org.agenthooks.domain.workspace;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored API key: which workspace it opens, the hash of its secret part, and whether it was revoked. */
public record ApiKey(
        ApiKeyId id, WorkspaceId workspaceId, byte[] secretHash, Instant createdAt, Optional<Instant> revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        secretHash = secretHash.clone();
    }

    public static ApiKey issuedFor(WorkspaceId workspaceId, ApiKeyToken token, Instant now) {
        return new ApiKey(token.id(), workspaceId, token.secretHash(), now, Optional.empty());
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey that
                && id.equals(that.id)
                && workspaceId.equals(that.workspaceId)
                && MessageDigest.isEqual(secretHash, that.secretHash)
                && createdAt.equals(that.createdAt)
                && revokedAt.equals(that.revokedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + ", " + workspaceId + (isRevoked() ? ", revoked" : "") + "]";
    }

    /** True when the presented token is this key, not revoked. */
    public boolean opens(ApiKeyToken token) {
        return !isRevoked() && token.id().equals(id) && token.matches(secretHash);
    }
}
