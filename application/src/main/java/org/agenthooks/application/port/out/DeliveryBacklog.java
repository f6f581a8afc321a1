package org.agenthooks.application.port.out;

/** Port: how many deliveries are waiting, cheaply enough to ask every few seconds. */
public interface DeliveryBacklog {
    /**
     * The pending deliveries of active webhooks (those the engine will attempt), with the creation time of the
     * oldest. Paused webhooks' deliveries wait on their owner, not on the engine, and are left out.
     */
    Backlog backlog();
}
