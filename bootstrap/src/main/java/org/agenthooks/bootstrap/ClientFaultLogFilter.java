package org.agenthooks.bootstrap;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Turns the web server's (Helidon's) warnings about a connection into one line each: what failed and a short,
 * escaped excerpt of its cause, never a stack trace, never more than a few dozen characters of what a client sent.
 * A client that hangs up mid-request, or sends something that is not HTTP, is the client's event, not ours.
 * Installed on the console handler by {@code logging.properties}.
 */
public final class ClientFaultLogFilter implements Filter {
    static final int MAX_EXCERPT = 80;

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown != null
                && record.getLoggerName() != null
                && record.getLoggerName().startsWith("io.helidon.")
                && record.getLevel().intValue() <= Level.WARNING.intValue()) {
            record.setMessage(excerpt(String.valueOf(record.getMessage())) + " ("
                    + thrown.getClass().getSimpleName() + ": " + excerpt(String.valueOf(thrown.getMessage())) + ")");
            record.setParameters(null);
            record.setThrown(null);
        }
        return true;
    }

    /** The text's start, with anything but printable ASCII written as an escape. */
    static String excerpt(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_EXCERPT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.length() < text.length() ? out + "...(" + text.length() + " chars)" : out.toString();
    }
}
