package org.agenthooks.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} load generator as a child process and reads its summary. */
final class Wrk {
    static final int THREADS = 2;
    static final int CONNECTIONS = 64;

    /** What one wrk run reported; latencies in milliseconds by percentile ("50", "75", "90", "99"). */
    record Result(
            double requestsPerSecond,
            long requests,
            long non2xx,
            long socketErrors,
            Map<String, Double> latencyMs,
            String output) {
        double p(String percentile) {
            return latencyMs.getOrDefault(percentile, Double.NaN);
        }
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$");

    private Wrk() {}

    /** {@code wrk -t2 -c64 -d<seconds>s --latency} against {@code url}, with headers and an optional Lua script. */
    static Result run(Duration duration, String url, List<String> headers, Path script)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + THREADS,
                "-c" + CONNECTIONS,
                "-d" + duration.toSeconds() + "s",
                "--timeout",
                "10s",
                "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        if (script != null) {
            command.add("-s");
            command.add(script.toString());
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not finish");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("wrk failed (" + process.exitValue() + "):\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        Map<String, Double> latency = new LinkedHashMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double ms = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            latency.put(percentile.group(1), ms);
        }
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(errors.group(i));
            }
        }
        return new Result(
                number(RPS, output),
                (long) number(REQUESTS, output),
                (long) number(NON_2XX, output),
                socketErrors,
                latency,
                output);
    }

    private static double number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
