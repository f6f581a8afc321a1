package org.agenthooks.application.port.in;

import java.util.Optional;
import org.agenthooks.domain.workspace.ApiKeyToken;

/** Use case (demo profile): making sure the demo workspace, its key and its two agents exist. */
public interface SeedDemoWorkspaceUseCase {
    DemoWorkspace seed(Optional<ApiKeyToken> wantedKey);
}
