package org.agenthooks.adapters.messaging;

import java.util.Objects;
import java.util.stream.Collectors;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * Why a message was refused, sent with it to the dead letters in the {@value #REASON_HEADER} header. The
 * reason names fields and rules, never the message's values, so it carries no payload secrets into logs.
 */
public record Refusal(String reason) {
    /** The header, on a dead-lettered message, that says why it was refused. */
    public static final String REASON_HEADER = "webhooks-refused-reason";

    /** Brokers limit header sizes; a reason is for a person, who needs its start. */
    static final int MAX_LENGTH = 500;

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        reason = printable(reason);
        if (reason.length() > MAX_LENGTH) {
            reason = reason.substring(0, MAX_LENGTH - 1) + "…";
        }
    }

    static Refusal of(InvalidInputException invalid) {
        return new Refusal(invalid.errors().stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    /** Header values are one line: control characters (a newline in a reason would end the header) become spaces. */
    private static String printable(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
