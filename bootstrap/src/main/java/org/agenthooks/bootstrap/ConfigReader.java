package org.agenthooks.bootstrap;

import io.helidon.config.Config;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one typed value per key, refusing a missing or malformed one with a message that names the key and its
 * environment variable, and remembers every key it was asked for (the service reads keys through here only).
 * There are no fallbacks: every key has its default in {@code application.yaml}.
 */
final class ConfigReader {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final String DURATION_FORMS = "e.g. 500ms, 30s, 5m, 2h, 30d or ISO-8601 PT30S";

    private final Config config;
    private final Set<String> keys = new LinkedHashSet<>();

    ConfigReader(Config config) {
        this.config = config;
    }

    /** Every key read so far, in the order first read. */
    Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    /** The variable that sets {@code key} the Helidon way: upper case, {@code _} for {@code .} and {@code -}. */
    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value as written, possibly empty. */
    String text(String key) {
        keys.add(key);
        Config node = node(key);
        if (!node.hasValue()) {
            throw invalid(key, "not set");
        }
        return node.asString().get();
    }

    /** Empty when the value is blank: a key whose default is "none". */
    Optional<String> optionalText(String key) {
        return Optional.of(text(key).strip()).filter(value -> !value.isEmpty());
    }

    String nonBlankText(String key) {
        return optionalText(key).orElseThrow(() -> invalid(key, "must not be blank"));
    }

    boolean bool(String key) {
        String value = text(key).strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, quoted(value) + " is not true or false");
    }

    /** A whole number from {@code min} to {@code max}. */
    long whole(String key, long min, long max) {
        String value = text(key).strip();
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key, quoted(value) + " is not a whole number");
        }
        if (number < min) {
            throw invalid(key, "must be at least " + min + ", was " + number);
        }
        if (number > max) {
            throw invalid(key, "must be at most " + max + ", was " + number);
        }
        return number;
    }

    /** A whole number of at least 1 (a size or a limit). */
    int positive(String key) {
        return (int) whole(key, 1, Integer.MAX_VALUE);
    }

    /** A number from 0 to 1. */
    double fraction(String key) {
        String value = text(key).strip();
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key, quoted(value) + " is not a number");
        }
        if (!(number >= 0 && number <= 1)) {
            throw invalid(key, "must be a fraction from 0 to 1, was " + value);
        }
        return number;
    }

    /** A duration of zero or more. */
    Duration duration(String key) {
        return parseDuration(key, text(key));
    }

    /** A duration longer than zero. */
    Duration positiveDuration(String key) {
        Duration duration = duration(key);
        if (duration.isZero()) {
            throw invalid(key, "must be longer than zero");
        }
        return duration;
    }

    /** One comma-separated string of durations, at least one. */
    List<Duration> durations(String key) {
        String value = text(key);
        if (value.isBlank()) {
            throw invalid(key, "needs at least one duration, e.g. \"0s, 5s, 5m\"");
        }
        return Arrays.stream(value.split(","))
                .map(part -> parseDuration(key, part))
                .toList();
    }

    /** {@code key} with its environment variable, as every message about it starts. */
    static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException(key + " (" + environmentVariable(key) + "): " + why);
    }

    private static Duration parseDuration(String key, String text) {
        String trimmed = text.strip();
        Matcher shortForm = SHORT_DURATION.matcher(trimmed);
        Duration duration;
        try {
            duration = shortForm.matches() ? shortForm(shortForm) : Duration.parse(trimmed);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw invalid(key, quoted(trimmed) + " is not a duration (" + DURATION_FORMS + ")");
        }
        if (duration.isNegative()) {
            throw invalid(key, "must not be negative, was " + quoted(trimmed));
        }
        return duration;
    }

    private static Duration shortForm(Matcher shortForm) {
        long amount = Long.parseLong(shortForm.group(1));
        return switch (shortForm.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /**
     * The node of {@code key}, or of its dotted twin: environment variables cannot spell a dash, so
     * {@code DEMO_API_KEY} arrives as {@code demo.api.key}. A twin counts only with a value of its own, since
     * {@code delivery.max.in.flight} is also the parent of {@code delivery.max.in.flight.per.endpoint}.
     */
    private Config node(String key) {
        if (key.contains("-")) {
            Config dotted = config.get(key.replace('-', '.'));
            if (dotted.hasValue()) {
                return dotted;
            }
        }
        Config node = config.get(key);
        // DELIVERY_SCHEDULE_0, _1, ... would make delivery.schedule.0, ... and otherwise go unnoticed.
        if (node.type() == Config.Type.OBJECT || node.type() == Config.Type.LIST) {
            String below = node.asNodeList().orElse(List.of()).stream()
                    .findFirst()
                    .map(child -> child.key().toString())
                    .orElse(key + ".*");
            throw invalid(key, "takes one value, but " + below + " is set too (no key below " + key + " is read)");
        }
        return node;
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
