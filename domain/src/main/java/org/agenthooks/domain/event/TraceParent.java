package org.agenthooks.domain.event;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A W3C trace context {@code traceparent} (version 00): the trace an event belongs to and the span that sent it,
 * written {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. All-zero ids are invalid.
 */
public record TraceParent(String traceId, String parentId, String flags) {
    public static final String HEADER = "traceparent";
    private static final String VERSION = "00";
    private static final int LENGTH = 55;
    private static final HexFormat HEX = HexFormat.of();
    private static final String SAMPLED = "01";

    public TraceParent {
        if (!lowerHex(traceId, 32) || allZero(traceId)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero");
        }
        if (!lowerHex(parentId, 16) || allZero(parentId)) {
            throw new IllegalArgumentException("parent id must be 16 lower-case hex digits, not all zero");
        }
        if (!lowerHex(flags, 2)) {
            throw new IllegalArgumentException("flags must be 2 lower-case hex digits");
        }
    }

    /**
     * The header's trace parent, or empty when it is not one. A receiver ignores a malformed header (and starts a
     * trace of its own) rather than refuse the request, as the W3C recommendation asks. A later version is read by
     * its version-00 prefix, as the recommendation asks too; version {@code ff} is invalid.
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < LENGTH) {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        if (!lowerHex(version, 2) || version.equals("ff")) {
            return Optional.empty();
        }
        if (version.equals(VERSION)
                ? value.length() != LENGTH
                : value.length() > LENGTH && value.charAt(LENGTH) != '-') {
            return Optional.empty();
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new TraceParent(value.substring(3, 35), value.substring(36, 52), value.substring(53, 55)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The first span of a new trace, sampled. */
    public static TraceParent newTrace(RandomGenerator random) {
        return new TraceParent(randomHex(random, 16), randomHex(random, 8), SAMPLED);
    }

    /** The same trace, named as sent by another span: {@code spanId}. */
    public TraceParent withParent(String spanId) {
        return new TraceParent(traceId, spanId, flags);
    }

    /** The same trace, named as sent by a new span of a random id. */
    public TraceParent withNewParent(RandomGenerator random) {
        return withParent(randomHex(random, 8));
    }

    /** Whether the sender recorded its span (flag bit 0): a hint for whoever traces after it. */
    public boolean sampled() {
        return (HEX.fromHexDigits(flags) & 1) == 1;
    }

    /** The header's value. */
    @Override
    public String toString() {
        // A builder rather than '+': an attempt is sent at once, without bootstrapping string concatenation first.
        return new StringBuilder(LENGTH)
                .append(VERSION)
                .append('-')
                .append(traceId)
                .append('-')
                .append(parentId)
                .append('-')
                .append(flags)
                .toString();
    }

    private static String randomHex(RandomGenerator random, int bytes) {
        byte[] id = new byte[bytes];
        do {
            random.nextBytes(id);
        } while (allZero(id));
        return HEX.formatHex(id);
    }

    private static boolean lowerHex(String text, int length) {
        Objects.requireNonNull(text);
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            if (hex.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
