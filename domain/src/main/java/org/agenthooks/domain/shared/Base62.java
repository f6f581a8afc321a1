package org.agenthooks.domain.shared;

import java.security.SecureRandom;

/**
 * Identifiers over [0-9A-Za-z]: URL-safe, copy-paste-safe, and 5.95 bits each. The alphabet is in ASCII order, so
 * fixed-width base62 numbers sort as text in numeric order.
 */
public final class Base62 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 62^8 milliseconds reach past the year 8800. */
    private static final int TIME_DIGITS = 8;

    private Base62() {}

    /** Uniform: one random byte a character, bytes of 248 and above (4 x 62) drawn again. */
    public static String random(int length) {
        char[] chars = new char[length];
        byte[] bytes = new byte[length + 8];
        int filled = 0;
        while (filled < length) {
            RANDOM.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < length; i++) {
                int unsigned = bytes[i] & 0xFF;
                if (unsigned < 4 * ALPHABET.length()) {
                    chars[filled++] = ALPHABET.charAt(unsigned % ALPHABET.length());
                }
            }
        }
        return new String(chars);
    }

    /**
     * A time-ordered identifier: the Unix time in milliseconds as {@value #TIME_DIGITS} base62 digits, then random
     * characters. Ids made later sort after earlier ones (to the millisecond), so a database appends them to the
     * end of its indexes instead of rewriting pages all over them.
     */
    public static String timeOrdered(long epochMillis, int length) {
        checkTimeOrdered(epochMillis, length);
        return timeDigits(epochMillis) + random(length - TIME_DIGITS);
    }

    /** The smallest time-ordered identifier of that millisecond: every one made then or later sorts at or after it. */
    public static String lowestTimeOrdered(long epochMillis, int length) {
        checkTimeOrdered(epochMillis, length);
        return timeDigits(epochMillis) + String.valueOf(ALPHABET.charAt(0)).repeat(length - TIME_DIGITS);
    }

    private static void checkTimeOrdered(long epochMillis, int length) {
        if (length <= TIME_DIGITS || epochMillis < 0) {
            throw new IllegalArgumentException("needs more than " + TIME_DIGITS + " characters and a time after 1970");
        }
    }

    private static String timeDigits(long epochMillis) {
        char[] chars = new char[TIME_DIGITS];
        long rest = epochMillis;
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            chars[i] = ALPHABET.charAt((int) (rest % ALPHABET.length()));
            rest /= ALPHABET.length();
        }
        return new String(chars);
    }

    public static boolean isBase62(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code text} is {@code prefix} followed by exactly {@code length} base62 characters. */
    public static boolean isPrefixed(String text, String prefix, int length) {
        return text != null
                && text.length() == prefix.length() + length
                && text.startsWith(prefix)
                && isBase62(text.substring(prefix.length()));
    }
}
