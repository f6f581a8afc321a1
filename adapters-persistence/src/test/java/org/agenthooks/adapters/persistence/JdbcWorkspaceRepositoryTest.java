package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.Repositories;
import org.agenthooks.application.port.out.contract.WorkspaceRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workspace repository contract, on H2 and on PostgreSQL. */
class JdbcWorkspaceRepositoryTest {
    @Nested
    class OnH2 extends WorkspaceRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }

    @Nested
    class OnPostgreSql extends WorkspaceRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }
}
