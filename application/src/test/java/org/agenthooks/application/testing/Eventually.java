package org.agenthooks.application.testing;

import java.time.Duration;

/** Test helper: assertions about what other threads do, polled instead of slept on. */
public final class Eventually {
    private static final Duration POLL = Duration.ofMillis(5);

    private Eventually() {}

    /** Passes as soon as {@code assertion} holds; fails with its last error if it still fails after {@code within}. */
    public static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
            }
            sleep();
        }
    }

    /** Passes if {@code assertion} holds every time it is checked during {@code period}: nothing more happens. */
    public static void throughout(Duration period, Runnable assertion) {
        long deadline = System.nanoTime() + period.toNanos();
        do {
            assertion.run();
            sleep();
        } while (System.nanoTime() - deadline < 0);
        assertion.run();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
