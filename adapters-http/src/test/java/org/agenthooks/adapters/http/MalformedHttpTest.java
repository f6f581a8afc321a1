package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that are not well-formed HTTP: a body that cannot be read is the client's fault, answered once with a
 * 400 problem and the connection closed cleanly; bytes that are not HTTP at all get a problem too, never a 500.
 */
class MalformedHttpTest {
    private static final ApiTestServer server = new ApiTestServer();

    record Chunked(String description, String chunks) {
        @Override
        public String toString() {
            return description;
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Chunked> malformedChunkedBodies() {
        return Stream.of(
                new Chunked("chunk size zz", "zz\r\n{}\r\n0\r\n\r\n"),
                new Chunked("chunk size -10", "-10\r\n{}\r\n0\r\n\r\n"),
                new Chunked("chunk size of 20 hex digits", "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"),
                new Chunked("a 10 KB chunk extension", "2;" + "x".repeat(10_240) + "\r\n{}\r\n0\r\n\r\n"),
                new Chunked("LF-only chunk lines", "2\n{}\n0\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedChunkedBodies")
    void a_body_that_cannot_be_read_gets_one_400_and_the_connection_closed(Chunked body) throws IOException {
        byte[] request = RawHttp.request(
                "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.key()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                body.chunks().getBytes(StandardCharsets.ISO_8859_1));

        RawHttp.Answer everything = RawHttp.exchange(server.uri("/").getPort(), request, true);

        assertThat(everything.status()).as(everything.text()).isEqualTo(400);
        assertThat(everything.answers()).as(everything.text()).isEqualTo(1);
        assertThat(everything.closed()).as("closed by the server").isTrue();
        assertThat(everything.text()).contains("application/problem+json");
    }

    @Test
    void a_chunk_shorter_than_its_size_then_silence_is_not_answered_as_a_500() throws IOException {
        try (Socket socket = new Socket("localhost", server.uri("/").getPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream()
                    .write(RawHttp.request(
                            "POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.key()
                                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                            "10\r\n{\"name\":".getBytes(StandardCharsets.ISO_8859_1)));
            socket.shutdownOutput(); // the client gives up: the body ends early

            RawHttp.Answer answer = RawHttp.readAll(socket.getInputStream());

            assertThat(answer.closed()).isTrue();
            assertThat(answer.text()).doesNotContain(" 500 ");
            assertThat(answer.answers()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void a_tls_client_hello_on_the_plain_port_gets_a_problem_not_a_500() throws Exception {
        SSLEngine client = SSLContext.getDefault()
                .createSSLEngine("localhost", server.uri("/").getPort());
        client.setUseClientMode(true);
        client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), hello);
        byte[] bytes = Arrays.copyOf(hello.array(), hello.position());

        RawHttp.Answer answer = RawHttp.exchange(server.uri("/").getPort(), bytes, true);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.text()).contains("application/problem+json");
        assertThat(answer.closed()).isTrue();
    }
}
