package org.agenthooks.domain.shared;

import java.security.SecureRandom;

/** Random identifiers over [0-9A-Za-z]: URL-safe, copy-paste-safe, and 5.95 bits each. */
public final class Base62 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Base62() {
    }

    public static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
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
