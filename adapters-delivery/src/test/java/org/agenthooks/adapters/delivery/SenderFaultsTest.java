package org.agenthooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 19's fault battery, the items one attempt shows: receivers that misbehave on the wire. */
class SenderFaultsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final long FIFTY_MEGABYTES = 50L * 1024 * 1024;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final HttpWebhookSender sender =
            closing(new HttpWebhookSender(new SenderSettings(Duration.ofMillis(500), TIMEOUT, true)));

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeAfter.add(closeable);
        return closeable;
    }

    private static OutboundRequest post(WebhookUrl url) {
        return new OutboundRequest(url, Map.of("webhook-id", "evt_fault"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Item 6: the read timeout restarts with every byte; the attempt timeout does not. */
    @Test
    void a_receiver_trickling_its_headers_a_byte_a_second_ends_the_attempt_at_the_timeout_and_loses_the_socket()
            throws Exception {
        RawReceiver trickler = closing(new RawReceiver((out, written) -> {
            for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                written.incrementAndGet();
                Thread.sleep(1_000);
            }
        }));

        AttemptResult result = sender.send(post(trickler.url()));

        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error()).hasValue("timed out after 800 ms");
        assertThat(result.took()).isLessThan(TIMEOUT.plusSeconds(1));
        // No thread is left reading it: the connection is closed, so the trickler's next bytes cannot be written.
        assertThat(trickler.clientHungUpWithin(Duration.ofSeconds(10))).isTrue();
        assertThat(trickler.bytesWritten()).isLessThan(10);
    }

    /** Item 7: no redirect is followed, whatever its kind; the answer is a failure with its status. */
    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void a_redirect_to_a_second_listener_is_a_failure_and_the_second_listener_gets_nothing(int code)
            throws InterruptedException {
        Receiver first = closing(new Receiver());
        Receiver second = closing(new Receiver());
        first.answering((request, response) -> response.status(Status.create(code))
                .header(HeaderNames.LOCATION, second.url("/stolen").value())
                .send());

        AttemptResult result = sender.send(post(first.url("/hook")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).hasValue(code);
        assertThat(first.received()).hasSize(1);
        assertThat(second.received()).isEmpty();
    }

    /** Item 10: the sender reads the excerpt and hangs up; the rest of a 50 MB answer is never read. */
    @Test
    void a_50_megabyte_answer_is_read_no_further_than_the_excerpt() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        RawReceiver flood = closing(new RawReceiver((out, written) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + FIFTY_MEGABYTES + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (written.get() < FIFTY_MEGABYTES) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        }));

        AttemptResult result = sender.send(post(flood.url()));

        assertThat(result.statusCode()).hasValue(200);
        assertThat(result.responseExcerpt().getBytes(StandardCharsets.UTF_8)).hasSize(AttemptResult.EXCERPT_BYTES);
        assertThat(flood.clientHungUpWithin(Duration.ofSeconds(10))).isTrue();
        // What the socket buffers on both sides held when the sender hung up, no more: far from 50 MB.
        assertThat(flood.bytesWritten()).isLessThan(FIFTY_MEGABYTES / 4);
    }

    /** Item 10: a binary answer leaves an excerpt a text column takes: no NUL, at most 4 KiB of UTF-8. */
    @Test
    void a_binary_answer_is_stored_as_at_most_4_kib_of_valid_text() throws InterruptedException {
        byte[] binary = new byte[256 * 1024];
        new Random(19).nextBytes(binary);
        for (int i = 0; i < binary.length; i += 7) {
            binary[i] = 0;
        }
        Receiver receiver = closing(new Receiver());
        receiver.answering((request, response) -> response.header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                .send(binary));

        AttemptResult result = sender.send(post(receiver.url("/hook")));

        assertThat(result.statusCode()).hasValue(200);
        String excerpt = result.responseExcerpt();
        assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AttemptResult.EXCERPT_BYTES);
        assertThat(excerpt).doesNotContain("\u0000").isNotEmpty();
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(excerpt)).isTrue();
    }

    @Test
    void a_multibyte_character_cut_by_the_4_kib_limit_is_left_out_whole() throws InterruptedException {
        String text = "xx" + "€".repeat(2_000); // 2 + 6,000 bytes: the 4,096th byte falls inside a '€'
        Receiver receiver = closing(new Receiver());
        receiver.answering((request, response) -> response.send(text));

        AttemptResult result = sender.send(post(receiver.url("/hook")));

        assertThat(result.responseExcerpt()).isEqualTo("xx" + "€".repeat(1_364));
    }
}
