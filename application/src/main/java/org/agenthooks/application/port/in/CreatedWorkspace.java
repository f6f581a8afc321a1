package org.agenthooks.application.port.in;

import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.Workspace;

/** A new workspace and its first key, whose full text is shown this once. */
public record CreatedWorkspace(Workspace workspace, ApiKeyToken firstKey) {}
