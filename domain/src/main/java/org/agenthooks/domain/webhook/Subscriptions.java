package org.agenthooks.domain.webhook;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.shared.InvalidInputException;

/** The non-empty set of event types a webhook listens to; duplicates collapse, order follows the catalog. */
public record Subscriptions(Set<EventType> types) {
    public Subscriptions {
        if (types == null || types.isEmpty()) {
            throw InvalidInputException.of("events", "must list at least one of: " + EventType.subscribableNames());
        }
        for (EventType type : types) {
            if (!type.subscribable()) {
                throw InvalidInputException.of(
                        "events",
                        "'" + type.wireName() + "' cannot be subscribed to; " + "allowed: "
                                + EventType.subscribableNames());
            }
        }
        types = Set.copyOf(EnumSet.copyOf(types));
    }

    public static Subscriptions of(Collection<EventType> types) {
        return new Subscriptions(types.isEmpty() ? Set.of() : EnumSet.copyOf(types));
    }

    public static Subscriptions of(EventType... types) {
        return of(List.of(types));
    }

    public boolean includes(EventType type) {
        return types.contains(type);
    }

    /** In catalog order, for stable output. */
    public List<EventType> inOrder() {
        return EnumSet.copyOf(types).stream().toList();
    }
}
