/** The core model: webhooks, workspaces and their keys, agent events, deliveries and signatures. JDK only. */
module org.agenthooks.domain {
    exports org.agenthooks.domain.shared;
    exports org.agenthooks.domain.workspace;
    exports org.agenthooks.domain.agent;
    exports org.agenthooks.domain.webhook;
    exports org.agenthooks.domain.event;
    exports org.agenthooks.domain.delivery;
}
