package org.agenthooks.domain.shared;

/**
 * A name people read (a workspace's, an agent's, a webhook's): 1 to 100 characters (code points), something
 * visible in it, and no character that changes how the text around it is shown: control characters (NUL, ESC,
 * CR, LF...), bidirectional overrides and isolates, lone surrogates.
 */
public record DisplayName(String value) {
    public static final int MAX_LENGTH = 100;

    public DisplayName {
        if (value == null || value.codePoints().allMatch(DisplayName::invisible)) {
            throw InvalidInputException.of("name", "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw InvalidInputException.of("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("name", "must not contain control characters (such as NUL, ESC, CR or LF)");
        }
        if (value.codePoints().anyMatch(DisplayName::bidiControl)) {
            throw InvalidInputException.of(
                    "name",
                    "must not contain bidirectional overrides or isolates (U+202A to U+202E, U+2066 to U+2069)");
        }
        if (value.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw InvalidInputException.of("name", "must not contain a lone UTF-16 surrogate");
        }
    }

    /** White space of any kind (no-break spaces too) and invisible format characters (zero-width space...). */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    @Override
    public String toString() {
        return value;
    }
}
