package org.agenthooks.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: asserts that input is rejected for exactly one named field, and hands back the message. */
public final class Rejections {
    private Rejections() {}

    public static String rejected(String field, ThrowingCallable call) {
        InvalidInputException[] caught = new InvalidInputException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> caught[0] = e);
        assertThat(caught[0].errors()).extracting(FieldError::field).containsExactly(field);
        return caught[0].errors().getFirst().message();
    }
}
