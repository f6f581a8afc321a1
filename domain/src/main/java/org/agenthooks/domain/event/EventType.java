package org.agenthooks.domain.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.shared.InvalidInputException;

/** The catalog of event types. Adding one (say {@code node_executed}) is adding one line here. */
public enum EventType {
    CONVERSATION_STARTED("conversation_started", "Fires when an agent session begins.", true),
    CONVERSATION_ENDED("conversation_ended", "Fires when a session closes or completes.", true),
    CONVERSATION_ANALYSED("conversation_analysed", "Fires when post-call analysis is complete.", true),
    WEBHOOK_TEST("webhook.test", "Sent by 'test' to one webhook, whatever it subscribes to.", false);

    /** How much of an unknown name an error repeats: enough to recognise it, never a whole pasted payload. */
    private static final int SHOWN_NAME_LENGTH = 64;

    private final String wireName;
    private final String description;
    private final boolean subscribable;

    EventType(String wireName, String description, boolean subscribable) {
        this.wireName = wireName;
        this.description = description;
        this.subscribable = subscribable;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** Whether a webhook may list this type in its {@code events}. */
    public boolean subscribable() {
        return subscribable;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(name))
                .findFirst();
    }

    /**
     * The subscribable type called {@code name}.
     *
     * @throws InvalidInputException on {@code field}, listing the allowed names, if there is none
     */
    public static EventType subscribable(String field, String name) {
        return fromWireName(name)
                .filter(EventType::subscribable)
                .orElseThrow(() -> InvalidInputException.of(
                        field, "'" + shortened(name) + "' is not an event type; allowed: " + subscribableNames()));
    }

    public static List<EventType> subscribableTypes() {
        return Arrays.stream(values()).filter(EventType::subscribable).toList();
    }

    private static String shortened(String name) {
        return name.length() <= SHOWN_NAME_LENGTH ? name : name.substring(0, SHOWN_NAME_LENGTH) + "...";
    }

    public static String subscribableNames() {
        return String.join(
                ", ", subscribableTypes().stream().map(EventType::wireName).toList());
    }
}
