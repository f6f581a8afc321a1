package org.agenthooks.domain.delivery;

import java.util.Objects;

/** The signature doctor's answer: a diagnosis and, in words, what is wrong and how to fix it. */
public record SignatureFinding(SignatureDiagnosis diagnosis, String message) {
    public SignatureFinding {
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(message, "message");
    }

    public boolean valid() {
        return diagnosis == SignatureDiagnosis.VALID;
    }
}
