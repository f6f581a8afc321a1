package org.agenthooks.adapters.delivery;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.agenthooks.domain.delivery.AttemptResult;

/**
 * The start of a response body as text the attempt log can keep: at most {@link AttemptResult#EXCERPT_BYTES}
 * bytes of UTF-8, never a character cut in two, and no NUL or other control characters (PostgreSQL's text
 * refuses NUL, and a binary answer is full of them); what is not text becomes U+FFFD.
 */
final class ResponseExcerpt {
    private static final char REPLACEMENT = '\uFFFD';

    private ResponseExcerpt() {}

    static String of(byte[] body, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(length);
        // Not the end of input: a character the cut split in two is left out rather than replaced.
        decoder.decode(ByteBuffer.wrap(body, 0, length), chars, false);
        chars.flip();
        StringBuilder text = new StringBuilder(chars.length());
        int bytes = 0;
        for (int i = 0; i < chars.length(); ) {
            int codePoint = Character.codePointAt(chars, i);
            int kept = isControl(codePoint) ? REPLACEMENT : codePoint;
            int size = utf8Size(kept);
            if (bytes + size > AttemptResult.EXCERPT_BYTES) {
                break;
            }
            text.appendCodePoint(kept);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return text.toString();
    }

    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                && codePoint != '\t'
                && codePoint != '\n'
                && codePoint != '\r';
    }

    private static int utf8Size(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
