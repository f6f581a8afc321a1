package org.agenthooks.application.port.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    @Test
    void rows_beyond_the_limit_are_cut_off_and_the_next_page_starts_after_the_last_one_kept() {
        Page<Integer> page = Page.of(rows(4), new PageLimit(3), PageTest::cursorOf);

        assertThat(page.items()).containsExactly(0, 1, 2);
        assertThat(page.next()).contains(cursorOf(2));
    }

    @Test
    void a_page_that_is_exactly_full_is_the_last_one() {
        Page<Integer> page = Page.of(rows(3), new PageLimit(3), PageTest::cursorOf);

        assertThat(page.items()).containsExactly(0, 1, 2);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void fewer_rows_than_the_limit_are_the_last_page_and_so_are_none() {
        Page<Integer> one = Page.of(rows(1), new PageLimit(3), PageTest::cursorOf);
        Page<Integer> none = Page.of(rows(0), new PageLimit(3), PageTest::cursorOf);

        assertThat(one.items()).containsExactly(0);
        assertThat(one.next()).isEmpty();
        assertThat(none.items()).isEmpty();
        assertThat(none.next()).isEmpty();
    }

    private static List<Integer> rows(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static PageCursor cursorOf(int row) {
        return new PageCursor(T0.minusSeconds(row), "row_" + row);
    }
}
