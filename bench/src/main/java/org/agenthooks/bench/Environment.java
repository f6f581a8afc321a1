package org.agenthooks.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** One line saying where and when figures were taken, printed before every benchmark. */
final class Environment {
    private Environment() {}

    static String describe() {
        return "machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), "
                + Math.round(totalMemoryGib()) + " GiB; JDK " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + "); " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; "
                + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * How busy the machine is before a benchmark starts (other processes, e.g. a build, skew every figure), with
     * a warning when it is more than a tenth of one core.
     */
    static String idleCheck() {
        double busy = CpuTime.machineBusyPercent(1000);
        return Table.f(
                "machine busy before start: %.0f %% of %d00 %%%s",
                busy,
                Runtime.getRuntime().availableProcessors(),
                busy > 10 ? "  << WARNING: something else is running; figures will be low" : "");
    }

    /**
     * Waits, at most {@code maxSeconds}, until the machine has been nearly idle (under 10 % of one core) for a
     * second, so that a scenario does not start in the middle of someone else's build; says how it went.
     */
    static String awaitQuiet(int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double busy;
        int waited = 0;
        while ((busy = CpuTime.machineBusyPercent(1000)) >= 10 && System.nanoTime() < deadline) {
            waited++;
        }
        return busy < 10
                ? Table.f("machine idle (%.0f %% busy) after waiting %d s", busy, waited)
                : Table.f(
                        "machine still %.0f %% busy after waiting %d s  << WARNING: figures will be low", busy, waited);
    }

    private static double totalMemoryGib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        return 0;
    }
}
