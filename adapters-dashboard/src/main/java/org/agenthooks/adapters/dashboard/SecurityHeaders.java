package org.agenthooks.adapters.dashboard;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The headers every dashboard response carries. The policy allows scripts and styles from this origin only: no
 * inline script or style and no {@code eval}, so text that reaches the page cannot run, and no page may frame it.
 */
final class SecurityHeaders {
    static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    static final String POLICY = String.join(
            "; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {}

    static void addTo(ServerResponse res) {
        res.header(CONTENT_SECURITY_POLICY, POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY"); // frame-ancestors, for browsers before CSP 2
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    }
}
