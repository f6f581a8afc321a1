package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.DeliveryBacklog;
import org.agenthooks.application.port.out.contract.DeliveryBacklogContract;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery backlog contract, on H2 and on PostgreSQL. */
class JdbcDeliveryBacklogTest {
    @Nested
    class OnH2 extends DeliveryBacklogContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }

        @Override
        protected DeliveryBacklog backlogOf(EventAndDeliveryRepositories ports) {
            return (JdbcDeliveryRepository) ports.deliveries();
        }
    }

    @Nested
    class OnPostgreSql extends DeliveryBacklogContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }

        @Override
        protected DeliveryBacklog backlogOf(EventAndDeliveryRepositories ports) {
            return (JdbcDeliveryRepository) ports.deliveries();
        }
    }
}
