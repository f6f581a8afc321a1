package org.agenthooks.application.port.in;

import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.ApiKeyId;

/** Use case (operators): revoking an API key; it stops working at once in this process. */
public interface RevokeApiKeyUseCase {
    void revoke(ApiKeyId keyId) throws NotFoundException;
}
