package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.AgentRepositoryContract;
import org.agenthooks.application.port.out.contract.Repositories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent repository contract, on H2 and on PostgreSQL. */
class JdbcAgentRepositoryTest {
    @Nested
    class OnH2 extends AgentRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }

    @Nested
    class OnPostgreSql extends AgentRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }
}
