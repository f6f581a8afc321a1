package org.agenthooks.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.agenthooks.application.port.in.RegisterWebhookCommand;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.webhook.Subscriptions;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared test data: two workspaces with an agent or two each, and a ready-made registration. */
public final class Fixtures {
    public static final Instant START = Instant.parse("2025-03-01T10:00:00.123456Z");
    public static final WorkspaceId WORKSPACE = new WorkspaceId("org_aaaaaaaaaaaaaaaa");
    public static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId("org_bbbbbbbbbbbbbbbb");
    public static final AgentId AGENT = new AgentId("D5D0p7TUs66TTAEAx");
    public static final AgentId SECOND_AGENT = new AgentId("Q7mZ2wX9cLr4VbN8k");
    public static final AgentId OTHER_WORKSPACES_AGENT = new AgentId("Zz9otherWorkspace");
    public static final DestinationPolicy ANY_DESTINATION = url -> {};
    public static final Secret GIVEN_SECRET = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    private Fixtures() {}

    public static Agent agent(AgentId id, WorkspaceId workspaceId) {
        return new Agent(id, workspaceId, "Agent " + id, START);
    }

    public static RegisterWebhookCommand registration(AgentId agentId, Optional<Secret> secret) {
        return new RegisterWebhookCommand(
                WORKSPACE,
                new WebhookName("CRM sync"),
                new WebhookUrl("https://crm.example.com/hooks"),
                agentId,
                secret,
                Subscriptions.of(EventType.CONVERSATION_STARTED, EventType.CONVERSATION_ENDED),
                true);
    }

    public static RegisterWebhookCommand registration() {
        return registration(AGENT, Optional.empty());
    }

    public static void assertRejected(String field, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly(field));
    }

    public static void assertNotFound(String resource, String id, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.resource()).isEqualTo(resource);
            assertThat(e.id()).isEqualTo(id);
        });
    }
}
