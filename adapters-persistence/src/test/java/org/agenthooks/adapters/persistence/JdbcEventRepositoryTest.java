package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.EventRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event repository contract, on H2 and on PostgreSQL. */
class JdbcEventRepositoryTest {
    @Nested
    class OnH2 extends EventRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }
    }

    @Nested
    class OnPostgreSql extends EventRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }
    }
}
