package org.agenthooks.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Java heap a process uses after a full collection, asked through {@code jcmd} of the bench's own JDK. */
final class HeapProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);

    private HeapProbe() {}

    /**
     * What the heap holds at one moment: {@code usedKib}, G1's used figure after {@code GC.run} (regions' used
     * bytes, so it includes what a region's tail wastes), and {@code liveKib}, the bytes of the objects that
     * {@code GC.class_histogram} found reachable (it runs a full collection of its own first), with its
     * {@code classes} by name; -1 and empty where jcmd could not tell.
     */
    record Reading(long usedKib, long liveKib, Map<String, ClassShare> classes, String histogram) {
        /** Classes by how many more bytes this reading holds than {@code other}, most first. */
        List<String> grownBeyond(Reading other, int limit) {
            List<String> grown = new ArrayList<>();
            classes.entrySet().stream()
                    .map(entry -> Map.entry(
                            entry.getKey(),
                            entry.getValue().bytes()
                                    - other.classes()
                                            .getOrDefault(entry.getKey(), ClassShare.NONE)
                                            .bytes()))
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(limit)
                    .forEach(entry -> {
                        ClassShare here = classes.get(entry.getKey());
                        ClassShare there = other.classes().getOrDefault(entry.getKey(), ClassShare.NONE);
                        grown.add(Table.f(
                                "%+,d KiB %s (%,d objects / %,d KiB against %,d / %,d KiB)",
                                entry.getValue() / 1024,
                                entry.getKey(),
                                here.instances(),
                                here.bytes() / 1024,
                                there.instances(),
                                there.bytes() / 1024));
                    });
            return grown;
        }
    }

    /** One class's row of a histogram. */
    record ClassShare(long instances, long bytes) {
        static final ClassShare NONE = new ClassShare(0, 0);
    }

    /** Used heap in KiB after {@code GC.run}; -1 if jcmd could not tell. */
    static long usedKibAfterGc(long pid) {
        return read(pid).usedKib();
    }

    /** The used figure after {@code GC.run}, then the live objects' histogram. */
    static Reading read(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
            long usedKib = used.find() ? Long.parseLong(used.group(1)) : -1;
            String histogram = jcmd(pid, "GC.class_histogram");
            Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
            long liveKib = total.find() ? Long.parseLong(total.group(2)) / 1024 : -1;
            return new Reading(usedKib, liveKib, classes(histogram), histogram);
        } catch (IOException e) {
            return new Reading(-1, -1, Map.of(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(-1, -1, Map.of(), "");
        }
    }

    /** Keeps the whole histogram beside the bench's results, for a look at what the table leaves out. */
    static Path keep(Reading reading, String name) {
        Path file = Path.of("bench", "target", "results", name + "-" + System.currentTimeMillis() + ".histo");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, reading.histogram());
        } catch (IOException e) {
            return Path.of("(not kept: " + e.getMessage() + ")");
        }
        return file;
    }

    private static Map<String, ClassShare> classes(String histogram) {
        Map<String, ClassShare> classes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                // a class loaded by two loaders has two rows: add them up
                classes.merge(
                        row.group(3),
                        new ClassShare(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                        (a, b) -> new ClassShare(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return new LinkedHashMap<>(classes);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
