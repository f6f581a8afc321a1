package org.agenthooks.application.port.query;

import java.util.List;
import java.util.Optional;

/** One page of a newest-first listing, and where the next one starts (empty on the last page). */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
    public Page {
        items = List.copyOf(items);
    }
}
