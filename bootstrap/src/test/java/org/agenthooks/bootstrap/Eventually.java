package org.agenthooks.bootstrap;

import java.time.Duration;
import java.time.Instant;

/** Waits for an assertion to hold, retrying until a deadline: no fixed sleeps in tests. */
final class Eventually {
    private Eventually() {}

    static void within(Duration limit, Runnable assertion) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
