package org.agenthooks.application.port.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a newest-first listing, and where the next one starts (empty on the last page). */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page in {@code rowsFetched}, which a listing fetches with one row more than {@code limit} (SQL
     * {@code LIMIT n + 1}) to learn whether another page follows: if that extra row came, it is cut off and the next
     * page starts after the page's last item.
     */
    public static <T> Page<T> of(List<T> rowsFetched, PageLimit limit, Function<? super T, PageCursor> cursorOf) {
        if (rowsFetched.size() <= limit.value()) {
            return new Page<>(rowsFetched, Optional.empty());
        }
        List<T> page = rowsFetched.subList(0, limit.value());
        return new Page<>(page, Optional.of(cursorOf.apply(page.getLast())));
    }
}
