/** The browser dashboard and the API reference: static files served by this process, clients of the REST API. */
module org.agenthooks.adapters.dashboard {
    requires io.helidon.webserver;

    exports org.agenthooks.adapters.dashboard to
            org.agenthooks.bootstrap;
}
