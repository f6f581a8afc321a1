package org.agenthooks.domain.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.agenthooks.domain.shared.InvalidInputException;

/**
 * Where deliveries go: an absolute http or https URL of at most 2048 characters, with no credentials in it.
 * A value: equal when the text is. Parsed once, since every attempt needs the parts.
 */
public final class WebhookUrl {
    public static final int MAX_LENGTH = 2048;
    private static final String FIELD = "url";

    private final String value;
    private final URI uri;
    private final String origin;

    public WebhookUrl(String value) {
        this.value = value;
        this.uri = parse(value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        this.origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static URI parse(String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(FIELD, "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw InvalidInputException.of(FIELD, "must be at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw InvalidInputException.of(FIELD, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw InvalidInputException.of(FIELD, "must be an absolute http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw InvalidInputException.of(FIELD, "must not contain credentials; sign with the secret instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw InvalidInputException.of(FIELD, "must name a valid host (letters, digits, '-' and '.')");
        }
        if (uri.getPort() > 65535) {
            throw InvalidInputException.of(FIELD, "has a port above 65535");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidInputException.of(FIELD, "must not contain a fragment (#...)");
        }
        return uri;
    }

    /** The URL as it was given. */
    public String value() {
        return value;
    }

    public URI toUri() {
        return uri;
    }

    /** The host name or address literal, without IPv6 brackets. */
    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Scheme, host and port, normalised: {@code https://A.example.com/x} and {@code https://a.example.com:443/y}
     * have the same origin, {@code https://a.example.com:443}. One receiving server, as far as we can tell.
     */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl url && url.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
