package org.agenthooks.adapters.persistence;

import org.agenthooks.application.port.out.contract.ApiKeyRepositoryContract;
import org.agenthooks.application.port.out.contract.Repositories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key repository contract, on H2 and on PostgreSQL. */
class JdbcApiKeyRepositoryTest {
    @Nested
    class OnH2 extends ApiKeyRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.h2();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }

    @Nested
    class OnPostgreSql extends ApiKeyRepositoryContract {
        @RegisterExtension
        static final TestDatabase DATABASE = TestDatabase.postgresql();

        @Override
        protected Repositories repositories() {
            return DATABASE.repositories();
        }
    }
}
