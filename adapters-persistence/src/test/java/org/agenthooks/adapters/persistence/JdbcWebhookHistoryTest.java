package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.WebhookHistory;
import org.agenthooks.application.port.out.contract.EventAndDeliveryRepositories;
import org.agenthooks.application.port.out.contract.WebhookHistoryContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook history contract, on H2 and on PostgreSQL. */
class JdbcWebhookHistoryTest {
    @Nested
    class OnH2 extends WebhookHistoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }

        @Override
        protected WebhookHistory history() {
            return new JdbcWebhookHistory(DATABASE.database());
        }
    }

    @Nested
    class OnPostgreSql extends WebhookHistoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected EventAndDeliveryRepositories ports() {
            return DATABASE.eventsAndDeliveries();
        }

        @Override
        protected WebhookHistory history() {
            return new JdbcWebhookHistory(DATABASE.database());
        }
    }
}
