/** Events in from a message bus: consumers that hand each message to the same ingest use case as HTTP. */
module org.agenthooks.adapters.messaging {
    requires org.agenthooks.application;
    requires jakarta.json;
    requires io.nats.jnats;
    requires com.rabbitmq.client;

    exports org.agenthooks.adapters.messaging to
            org.agenthooks.bootstrap;
    exports org.agenthooks.adapters.messaging.rabbitmq to
            org.agenthooks.bootstrap;
}
