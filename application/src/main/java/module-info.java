/** Use cases (inbound ports), the outbound ports they need, and the services that implement them. */
module org.agenthooks.application {
    requires transitive org.agenthooks.domain;

    exports org.agenthooks.application.port.in;
    exports org.agenthooks.application.port.out;
    exports org.agenthooks.application.port.query;
    exports org.agenthooks.application.service to
            org.agenthooks.bootstrap;
    exports org.agenthooks.application.delivery to
            org.agenthooks.bootstrap;
}
