package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which databases have their leases ended at start-up: only those no other process can have open. */
class LeasesOfTheDeadTest {
    @Test
    void only_embedded_h2_databases_are_this_processs_alone() {
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:file:./data/webhooks;WRITE_DELAY=0"))
                .isTrue();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:./data/webhooks"))
                .isTrue();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:mem:webhooks"))
                .isTrue();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:tcp://localhost/./data/webhooks"))
                .isFalse();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:ssl://localhost/./data/webhooks"))
                .isFalse();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:h2:file:./data/webhooks;AUTO_SERVER=TRUE"))
                .isFalse();
        assertThat(LeasesOfTheDead.onlyThisProcessCanOpen("jdbc:postgresql://127.0.0.1:5432/webhooks"))
                .isFalse();
    }
}
