package org.agenthooks.adapters.messaging.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker on 127.0.0.1:5672 (guest/guest), with queues of this test's own (random names, deleted on
 * close). Without the broker the tests are skipped, except under CI=true, where they fail.
 */
final class TestBroker implements AutoCloseable {
    static final URI URI = java.net.URI.create("amqp://guest:guest@127.0.0.1:5672/%2F");

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String queue = "test-events-" + suffix;
    final String deadLetterQueue = "test-events-dead-" + suffix;
    final String connectionName = "test-rabbit-ingest-" + suffix;
    private final Connection connection;
    private final Channel channel;

    TestBroker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        Connection opened;
        try {
            opened = factory.newConnection("test-publisher-" + suffix);
        } catch (IOException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true needs RabbitMQ at " + URI, unreachable);
            }
            Assumptions.abort("RabbitMQ at " + URI + " is not reachable: " + unreachable);
            throw unreachable;
        }
        connection = opened;
        channel = connection.createChannel();
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueDeclare(deadLetterQueue, true, false, false, null);
        channel.confirmSelect();
    }

    RabbitMqSettings settings(int prefetch) {
        return new RabbitMqSettings(URI, queue, deadLetterQueue, prefetch, Duration.ofMillis(100), connectionName);
    }

    void publish(String body, String messageId, Map<String, Object> headers) throws Exception {
        channel.basicPublish(
                "",
                queue,
                new AMQP.BasicProperties.Builder()
                        .deliveryMode(2)
                        .messageId(messageId)
                        .headers(headers)
                        .build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    void confirmed() throws Exception {
        channel.waitForConfirmsOrDie(30_000);
    }

    long ready(String name) {
        try {
            return channel.messageCount(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void deleteQueue(String name) throws IOException {
        channel.queueDelete(name);
    }

    void declareQueue(String name) throws IOException {
        channel.queueDeclare(name, true, false, false, null);
    }

    /** Takes every message of the dead-letter queue. */
    List<GetResponse> deadLetters() throws IOException {
        List<GetResponse> taken = new ArrayList<>();
        for (GetResponse response; (response = channel.basicGet(deadLetterQueue, true)) != null; ) {
            taken.add(response);
        }
        return taken;
    }

    /**
     * Closes a connection from the broker's side (as a broker restart or a network cut would),
     * found by the name it gave: the other connections on this shared broker are left alone.
     */
    void closeConnection(String pid) throws Exception {
        rabbitmqctl("close_connection", pid, "test closes the consumer's connection");
    }

    /**
     * Stops and starts the broker's application, as a broker restart does: every client's connection drops, durable
     * queues and persistent messages stay. It touches the whole shared broker, so only a test that owns the broker
     * for its run may call it (the build runs test classes one at a time).
     */
    static void restartBroker() throws Exception {
        rabbitmqctl("stop_app");
        rabbitmqctl("start_app");
    }

    /** The broker's id of the consumer's connection, found by the name it gave. */
    String consumerConnection() throws Exception {
        String line = rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "client_properties")
                .lines()
                .filter(row -> row.contains("\"" + connectionName + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection named " + connectionName));
        return line.split("\t")[0];
    }

    private static String rabbitmqctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        try {
            channel.queueDelete(queue);
            channel.queueDelete(deadLetterQueue);
        } finally {
            connection.close();
        }
    }
}
