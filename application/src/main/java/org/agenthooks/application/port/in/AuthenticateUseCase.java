package org.agenthooks.application.port.in;

import java.util.Optional;
import org.agenthooks.domain.workspace.WorkspaceId;

/** Use case: telling which workspace a presented API key opens, if any. */
public interface AuthenticateUseCase {
    Optional<WorkspaceId> authenticate(String presentedKey);
}
