/** Configuration, wiring and {@code main}: the only module that sees every other. */
module org.agenthooks.bootstrap {
    requires org.agenthooks.application;
    requires org.agenthooks.adapters.http;
    requires org.agenthooks.adapters.persistence;
    requires org.agenthooks.adapters.delivery;
    requires org.agenthooks.adapters.dashboard;
    requires org.agenthooks.adapters.observability;
    requires org.agenthooks.adapters.messaging;
    requires io.helidon.config;
    requires io.helidon.webserver;
    requires io.helidon.logging.common;
    requires java.logging;
}
