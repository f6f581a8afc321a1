package org.agenthooks.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.agenthooks.application.port.query.PageCursor;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * Cursors as the API hands them out: the page cursor and a tag binding it to the workspace and the list it came
 * from, so a cursor from another workspace or another list, or one made up, is a {@code 400}, not a page. The tag
 * is a check, not a secret: whoever computes one can only page through a list of their own.
 */
final class ListCursors {
    private static final Base64.Encoder TAGS = Base64.getUrlEncoder().withoutPadding();

    private ListCursors() {}

    static String encode(ServerRequest req, PageCursor cursor) {
        String inner = cursor.encode();
        return inner + "." + tag(req, inner);
    }

    static PageCursor decode(ServerRequest req, String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0
                || !MessageDigest.isEqual(
                        tag(req, text.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                        text.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw InvalidInputException.of("cursor", "is not a cursor this list gave out");
        }
        return PageCursor.decode(text.substring(0, dot));
    }

    private static String tag(ServerRequest req, String inner) {
        String scope = ApiKeyFilter.workspace(req).value() + "|" + req.path().path() + "|" + inner;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return TAGS.encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
