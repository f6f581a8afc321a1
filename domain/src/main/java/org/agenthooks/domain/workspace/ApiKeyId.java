package org.agenthooks.domain.workspace;

import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** The public part of an API key, which finds it: 11 base62 characters, as in {@code key_C6HL3Goru7Q.…}. */
public record ApiKeyId(String value) {
    static final int LENGTH = 11;

    public ApiKeyId {
        if (value == null || value.length() != LENGTH || !Base62.isBase62(value)) {
            throw InvalidInputException.of("keyId", "must be 11 letters or digits");
        }
    }

    public static ApiKeyId random() {
        return new ApiKeyId(Base62.random(LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
