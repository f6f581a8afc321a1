package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.OutboxContract;
import org.agenthooks.application.port.out.contract.OutboxPorts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract, on H2 and on PostgreSQL. */
class JdbcOutboxTest {
    @Nested
    class OnH2 extends OutboxContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected OutboxPorts outbox() {
            return DATABASE.outbox();
        }
    }

    @Nested
    class OnPostgreSql extends OutboxContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected OutboxPorts outbox() {
            return DATABASE.outbox();
        }
    }
}
