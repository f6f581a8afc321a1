package org.agenthooks.domain.delivery;

import java.util.Locale;

/** Why a receiver's signature check failed (or that it should pass), as the signature doctor names it. */
public enum SignatureDiagnosis {
    VALID,
    SECRET_ENCODING,
    BODY_MODIFIED,
    TIMESTAMP_SKEW,
    PREVIOUS_SECRET,
    UNKNOWN_DELIVERY,
    WRONG_SECRET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
