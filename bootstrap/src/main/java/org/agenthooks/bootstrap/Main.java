package org.agenthooks.bootstrap;

import io.helidon.logging.common.LogConfig;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Logger;

/** Starts the service, or with {@code admin ...} runs an operator command against its database. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ServiceConfig config;
        try {
            config = ServiceConfig.load(Map.of());
        } catch (IllegalArgumentException e) {
            // The message names the key and says what is wrong; a stack trace would only bury it.
            Logger.getLogger(Main.class.getName()).severe("Bad configuration: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(new AdminCommand(config, System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Application application = Application.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(application::close));
    }
}
