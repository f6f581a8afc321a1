package org.agenthooks.application.port.in;

/** Use case (operators): creating a workspace together with its first API key. */
public interface CreateWorkspaceUseCase {
    CreatedWorkspace create(String name);
}
