package org.agenthooks.adapters.http;

import java.util.Objects;
import org.agenthooks.application.port.in.CreateAgentUseCase;
import org.agenthooks.application.port.in.GetAgentUseCase;
import org.agenthooks.application.port.in.ListAgentsUseCase;

/** The agent use cases the {@code /v1/agents} routes call. */
public record AgentUseCases(CreateAgentUseCase create, GetAgentUseCase get, ListAgentsUseCase list) {
    public AgentUseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(list, "list");
    }
}
