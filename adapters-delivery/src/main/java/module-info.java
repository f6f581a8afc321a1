/** Delivery adapter: signed webhook POSTs over the Helidon WebClient, and the guard against internal destinations. */
module org.agenthooks.adapters.delivery {
    requires org.agenthooks.application;
    requires io.helidon.webclient;

    exports org.agenthooks.adapters.delivery to
            org.agenthooks.bootstrap;
}
