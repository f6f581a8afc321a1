package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;

/** A web server warning about a client's connection is logged as one short line with no client data in full. */
class ClientFaultLogFilterTest {
    @Test
    void a_web_server_warning_with_a_stack_and_client_data_becomes_one_short_escaped_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamHandler handler = new StreamHandler(out, new SimpleFormatter());
        handler.setFilter(new ClientFaultLogFilter());
        Logger logger = Logger.getLogger("io.helidon.webserver.ConnectionHandler.test");
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        String sent = "2;" + "x".repeat(10_240) + "\r\n\u001b[31m";

        logger.log(
                Level.WARNING,
                "unexpected I/O exception",
                new UncheckedIOException(new SocketException("Invalid chunk length: " + sent)));
        handler.flush();

        String logged = out.toString(StandardCharsets.UTF_8);
        assertThat(logged)
                .doesNotContain("\tat ")
                .doesNotContain("x".repeat(100))
                .doesNotContain("\u001b");
        assertThat(logged.lines().count()).isLessThanOrEqualTo(2); // SimpleFormatter's date line, then the message
        assertThat(logged).contains("unexpected I/O exception").contains("UncheckedIOException");
    }

    @Test
    void our_own_records_keep_their_stack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamHandler handler = new StreamHandler(out, new SimpleFormatter());
        handler.setFilter(new ClientFaultLogFilter());
        Logger logger = Logger.getLogger("org.agenthooks.test");
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);

        logger.log(Level.SEVERE, "ours", new IllegalStateException("boom"));
        handler.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\tat ");
    }
}
