package org.agenthooks.application.port.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * Where the next page starts in a newest-first listing: after the item with this creation time and id.
 * Keyset, not offset, so rows inserted meanwhile neither repeat nor vanish. Opaque to callers.
 */
public record PageCursor(Instant createdAt, String id) {
    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        long micros =
                Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long micros = Long.parseLong(plain.substring(0, colon));
            String id = plain.substring(colon + 1);
            if (id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("bad id");
            }
            return new PageCursor(Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L)), id);
        } catch (RuntimeException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API gave out");
        }
    }
}
