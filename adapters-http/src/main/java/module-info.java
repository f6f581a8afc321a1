/** The REST API: Helidon WebServer routes that turn HTTP into use-case calls and back. */
module org.agenthooks.adapters.http {
    requires org.agenthooks.application;
    requires io.helidon.webserver;
    requires jakarta.json;

    exports org.agenthooks.adapters.http to
            org.agenthooks.bootstrap;
}
