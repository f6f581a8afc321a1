package org.agenthooks.domain.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.agenthooks.domain.shared.InvalidInputException;

/** Where deliveries go: an absolute http or https URL of at most 2048 characters, with no credentials in it. */
public record WebhookUrl(String value) {
    public static final int MAX_LENGTH = 2048;
    private static final String FIELD = "url";

    public WebhookUrl {
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
    }

    public URI toUri() {
        return URI.create(value);
    }

    /** The host name or address literal, without IPv6 brackets. */
    public String host() {
        String host = toUri().getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return value;
    }
}
