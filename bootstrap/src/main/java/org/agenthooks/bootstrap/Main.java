package org.agenthooks.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.util.Arrays;
import java.util.Map;

/** Starts the service, or with {@code admin ...} runs an operator command against its database. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ServiceConfig config;
        try {
            config = ServiceConfig.load(Map.of());
        } catch (IllegalArgumentException e) {
            // The message names the key and says what is wrong; a stack trace would only bury it.
            exit("Bad configuration: " + e.getMessage());
            return;
        }
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(new AdminCommand(config, System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Application application;
        try {
            application = Application.start(config);
        } catch (RuntimeException e) {
            // Application.start has closed what it opened; the cause is logged by whoever met it, or here in one line.
            exit("Could not start: " + e.getMessage());
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(application::close));
    }

    private static void exit(String reason) {
        LOG.log(System.Logger.Level.ERROR, reason);
        System.exit(1);
    }
}
