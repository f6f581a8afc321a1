package org.agenthooks.application.port.out.contract;

import org.agenthooks.application.port.out.AgentRepository;
import org.agenthooks.application.port.out.ApiKeyRepository;
import org.agenthooks.application.port.out.WebhookRepository;
import org.agenthooks.application.port.out.WorkspaceRepository;

/**
 * The repositories a contract test runs against, all over one store, so a test can first add the workspace and
 * agent that the rows it is about belong to.
 */
public record Repositories(
        WorkspaceRepository workspaces, AgentRepository agents, ApiKeyRepository apiKeys, WebhookRepository webhooks) {}
