package org.agenthooks.adapters.observability;

import java.util.Arrays;
import java.util.Optional;

/** Reads one sample's value out of Prometheus text: by metric name and, optionally, one label's value. */
record PrometheusText(String text) {
    double value(String metric) {
        return find(metric, Optional.empty());
    }

    double value(String metric, String label, String labelValue) {
        return find(metric, Optional.of(label + "=\"" + labelValue + "\""));
    }

    /** The sum over every sample of {@code metric}, whatever its labels; 0 if there is none. */
    double total(String metric) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .mapToDouble(PrometheusText::sampleValue)
                .sum();
    }

    private static double sampleValue(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private double find(String metric, Optional<String> label) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> label.map(line::contains).orElse(true))
                .map(PrometheusText::sampleValue)
                .reduce((one, two) -> {
                    throw new AssertionError("more than one sample of " + metric + " " + label.orElse(""));
                })
                .orElseThrow(
                        () -> new AssertionError("no sample of " + metric + " " + label.orElse("") + " in\n" + text));
    }
}
