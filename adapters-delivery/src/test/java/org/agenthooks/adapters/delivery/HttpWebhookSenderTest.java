package org.agenthooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpWebhookSenderTest {
    private static final byte[] BODY = """
            {"type":"conversation_ended","data":{"summary":"Kundin zufrieden ✓"}}""".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> SIGNED_HEADERS = Map.of(
            "webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
            "webhook-timestamp", "1700000000",
            "webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");

    private final Receiver receiver = new Receiver();
    private final List<AutoCloseable> closeAfter = new ArrayList<>(List.of(receiver));
    private final HttpWebhookSender sender = closing(new HttpWebhookSender(settings(true)));

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
        return new OutboundRequest(url, SIGNED_HEADERS, BODY);
    }

    /** This test's own: connect within 5 s, finish an attempt within 15 s. */
    private static SenderSettings settings(boolean allowPrivateNetworks) {
        return new SenderSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), allowPrivateNetworks);
    }

    @Test
    void a_200_is_a_success_with_its_status_and_body_excerpt() throws InterruptedException {
        receiver.answering((request, response) -> response.send("thanks"));

        AttemptResult result = sender.send(post(receiver.url("/hook")));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statusCode()).hasValue(200);
        assertThat(result.error()).isEmpty();
        assertThat(result.responseExcerpt()).isEqualTo("thanks");
        assertThat(result.took()).isPositive();
    }

    @Test
    void the_receiver_gets_the_headers_and_body_exactly_as_given_plus_json_type_and_user_agent()
            throws InterruptedException {
        sender.send(post(receiver.url("/hooks/ai-agent?team=a%20b")));

        assertThat(receiver.received()).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.pathAndQuery()).isEqualTo("/hooks/ai-agent?team=a%20b");
            assertThat(received.headers())
                    .containsAllEntriesOf(SIGNED_HEADERS)
                    .containsEntry("content-type", "application/json")
                    .containsEntry("user-agent", "agent-webhooks/0.1")
                    .containsEntry("content-length", String.valueOf(BODY.length));
            assertThat(received.body()).isEqualTo(BODY);
        });
    }

    @Test
    void a_500_is_a_failure_with_its_status() throws InterruptedException {
        receiver.answering((request, response) ->
                response.status(Status.INTERNAL_SERVER_ERROR_500).send("boom"));

        AttemptResult result = sender.send(post(receiver.url("/")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).hasValue(500);
        assertThat(result.responseExcerpt()).isEqualTo("boom");
        assertThat(result.retryAfter()).isEmpty();
    }

    @Test
    void a_503_with_retry_after_seconds_asks_for_that_wait() throws InterruptedException {
        receiver.answering((request, response) -> response.status(Status.SERVICE_UNAVAILABLE_503)
                .header(HeaderNames.RETRY_AFTER, "7")
                .send());

        AttemptResult result = sender.send(post(receiver.url("/")));

        assertThat(result.statusCode()).hasValue(503);
        assertThat(result.retryAfter()).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void a_410_means_the_receiver_is_gone() throws InterruptedException {
        receiver.answering(
                (request, response) -> response.status(Status.GONE_410).send());

        AttemptResult result = sender.send(post(receiver.url("/")));

        assertThat(result.gone()).isTrue();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_redirect_is_not_followed_but_answered_as_a_failure() throws InterruptedException {
        Receiver elsewhere = closing(new Receiver());
        receiver.answering((request, response) -> response.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, elsewhere.url("/moved").value())
                .send());

        AttemptResult result = sender.send(post(receiver.url("/")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).hasValue(302);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void a_receiver_slower_than_the_attempt_timeout_makes_the_attempt_unreachable_on_time()
            throws InterruptedException {
        HttpWebhookSender impatient =
                closing(new HttpWebhookSender(new SenderSettings(Duration.ofSeconds(5), Duration.ofMillis(500), true)));
        impatient.send(post(receiver.url("/"))); // leaves a pooled connection, the usual path for a slow answer
        receiver.answering((request, response) -> {
            Thread.sleep(3_000);
            response.send("too late");
        });

        AttemptResult result = impatient.send(post(receiver.url("/")));

        assertThat(receiver.connections()).hasSize(1);
        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error()).hasValue("timed out after 500 ms");
        assertThat(result.took()).isBetween(Duration.ofMillis(450), Duration.ofMillis(1_000));
    }

    @Test
    void a_receiver_trickling_its_answer_cannot_hold_the_attempt_past_the_timeout() throws InterruptedException {
        HttpWebhookSender impatient =
                closing(new HttpWebhookSender(new SenderSettings(Duration.ofSeconds(5), Duration.ofMillis(500), true)));
        receiver.answering((request, response) -> {
            try (OutputStream out = response.outputStream()) {
                for (int i = 0; i < 60; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(50);
                }
            }
        });

        AttemptResult result = impatient.send(post(receiver.url("/")));

        assertThat(result.error()).hasValue("timed out after 500 ms");
        assertThat(result.took()).isBetween(Duration.ofMillis(450), Duration.ofMillis(1_000));
        receiver.answering((request, response) -> response.send("ok"));
        assertThat(impatient.send(post(receiver.url("/"))).succeeded()).isTrue();
    }

    @Test
    void a_closed_port_is_unreachable_with_connection_refused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        AttemptResult result = sender.send(post(new WebhookUrl("http://127.0.0.1:" + closedPort + "/")));

        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error()).hasValue("connection refused");
    }

    @Test
    void an_unknown_host_is_unreachable() throws InterruptedException {
        AttemptResult result = sender.send(post(new WebhookUrl("http://no-such-host.invalid/")));

        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error()).hasValueSatisfying(error -> assertThat(error).startsWith("unknown host"));
    }

    @Test
    void a_huge_response_body_is_cut_to_the_excerpt_and_its_rest_dropped_with_the_connection()
            throws InterruptedException {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 'x');
        receiver.answering((request, response) -> response.send(megabyte));

        AttemptResult result = sender.send(post(receiver.url("/")));

        assertThat(result.statusCode()).hasValue(200);
        assertThat(result.responseExcerpt())
                .hasSize(AttemptResult.EXCERPT_BYTES)
                .matches("x+");
        receiver.answering((request, response) -> response.send("small"));
        assertThat(sender.send(post(receiver.url("/"))).responseExcerpt()).isEqualTo("small");
        assertThat(receiver.connections()).hasSize(2);
    }

    @Test
    void sequential_sends_reuse_a_kept_alive_connection() throws InterruptedException {
        int sends = 2_000;

        for (int i = 0; i < sends; i++) {
            assertThat(sender.send(post(receiver.url("/"))).succeeded()).isTrue();
        }

        assertThat(receiver.received()).hasSize(sends);
        assertThat(receiver.connections()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void a_send_interrupted_by_our_own_stop_throws_instead_of_blaming_the_receiver() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        closeAfter.addFirst(never::countDown);
        receiver.answering((request, response) -> {
            never.await();
            response.send();
        });
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread sending = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(sender.send(post(receiver.url("/"))));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        long waitUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (receiver.received().isEmpty() && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }

        sending.interrupt();

        assertThat(sending.join(Duration.ofSeconds(5)))
                .as("ended well within the attempt timeout")
                .isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void concurrent_sends_from_many_virtual_threads_share_pooled_connections() throws Exception {
        int threads = 50;
        int sendsEach = 40;
        List<Future<Long>> successes = new ArrayList<>();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                successes.add(executor.submit(() -> {
                    long succeeded = 0;
                    for (int i = 0; i < sendsEach; i++) {
                        if (sender.send(post(receiver.url("/"))).succeeded()) {
                            succeeded++;
                        }
                    }
                    return succeeded;
                }));
            }
        }

        for (Future<Long> count : successes) {
            assertThat(count.get()).isEqualTo(sendsEach);
        }
        assertThat(receiver.connections()).hasSizeLessThanOrEqualTo(threads);
    }

    @Test
    void without_private_networks_a_loopback_url_is_refused_before_connecting() throws InterruptedException {
        HttpWebhookSender guarded = closing(new HttpWebhookSender(settings(false)));

        AttemptResult literal = guarded.send(post(receiver.url("/")));
        AttemptResult named =
                guarded.send(post(new WebhookUrl(receiver.url("/").value().replace("127.0.0.1", "localhost"))));

        assertThat(literal.statusCode()).isEmpty();
        assertThat(literal.error())
                .hasValueSatisfying(
                        error -> assertThat(error).startsWith("destination refused: 127.0.0.1 is a loopback address"));
        assertThat(named.error())
                .hasValueSatisfying(error -> assertThat(error)
                        .startsWith("destination refused: localhost (127.0.0.1) is a loopback address"));
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void a_closed_sender_answers_without_throwing() throws InterruptedException {
        HttpWebhookSender closed = new HttpWebhookSender(settings(true));
        closed.close();

        assertThat(closed.send(post(receiver.url("/"))).error()).isEqualTo(Optional.of("sender is closed"));
    }

    @Test
    void the_cloud_metadata_service_is_refused_at_connect_even_with_private_networks_allowed()
            throws InterruptedException {
        AttemptResult result = sender.send(post(new WebhookUrl("http://169.254.169.254/latest/meta-data/")));

        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error())
                .hasValueSatisfying(error -> assertThat(error)
                        .startsWith("destination refused: 169.254.169.254 is a link-local (cloud metadata) address"));
    }

    /** Issue 19, item 9: a name that resolves to a public address at save and to loopback at send. */
    @Test
    void a_name_rebound_to_loopback_after_the_save_check_is_refused_at_connect() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("93.184.215.14")}
                : new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        WebhookUrl url = new WebhookUrl(receiver.url("/").value().replace("127.0.0.1", "rebinding.example"));
        new NetworkDestinationPolicy(false, rebinding).check(url);
        HttpWebhookSender guarded = closing(new HttpWebhookSender(settings(false), rebinding));

        AttemptResult result = guarded.send(post(url));

        assertThat(lookups).hasValue(2);
        assertThat(result.statusCode()).isEmpty();
        assertThat(result.error())
                .hasValueSatisfying(error -> assertThat(error)
                        .startsWith("destination refused: rebinding.example (127.0.0.1) is a loopback address"));
        assertThat(receiver.received()).isEmpty();
        assertThat(receiver.connections()).isEmpty();
    }
}
