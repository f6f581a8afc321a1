package org.agenthooks.domain.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Says, in words, how a body a receiver verified differs from the bytes it was sent. */
final class BodyDifference {
    private BodyDifference() {}

    static String describe(byte[] sent, byte[] verified) {
        int first = Arrays.mismatch(sent, verified);
        String where = "We sent " + sent.length + " bytes; you verified " + verified.length + ", differing from byte "
                + first + " on.";
        return where + " " + likelyCause(sent, verified)
                + " Verify the raw request body, byte for byte as it arrived, before any JSON parsing.";
    }

    private static String likelyCause(byte[] sent, byte[] verified) {
        String original = new String(sent, StandardCharsets.UTF_8);
        String received = new String(verified, StandardCharsets.UTF_8);
        if (withoutWhitespace(original).equals(withoutWhitespace(received))) {
            return "Only whitespace differs: the body was re-serialised (pretty-printed or compacted).";
        }
        if (received.contains("\\u") && !original.contains("\\u")) {
            return "Characters were turned into \\u escapes: the body was re-serialised by a JSON library.";
        }
        if (sortedChars(original).equals(sortedChars(received))) {
            return "The same characters in another order: the body was re-serialised and its keys reordered.";
        }
        return "Its content differs: it was parsed and re-serialised, decoded with another charset, or changed.";
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("[ \\t\\r\\n]", "");
    }

    private static String sortedChars(String text) {
        char[] chars = withoutWhitespace(text).toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }
}
