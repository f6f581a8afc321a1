package org.agenthooks.adapters.persistence;

import java.util.Objects;

/** Where the database is and how many connections to keep: plain values, read from configuration by the caller. */
public record DatabaseSettings(String url, String username, String password, int maxPoolSize) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", username=" + username + ", password=****, maxPoolSize=" + maxPoolSize
                + "]";
    }
}
