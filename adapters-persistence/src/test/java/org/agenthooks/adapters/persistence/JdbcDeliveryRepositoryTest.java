package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.DeliveryRepositoryContract;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery repository contract, on H2 and on PostgreSQL. */
class JdbcDeliveryRepositoryTest {
    @Nested
    class OnH2 extends DeliveryRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }
    }

    @Nested
    class OnPostgreSql extends DeliveryRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }
    }
}
