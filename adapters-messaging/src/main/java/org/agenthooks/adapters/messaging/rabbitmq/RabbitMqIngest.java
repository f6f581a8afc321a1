package org.agenthooks.adapters.messaging.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agenthooks.adapters.messaging.BusIngest;
import org.agenthooks.adapters.messaging.BusMessage;
import org.agenthooks.adapters.messaging.BusSource;
import org.agenthooks.adapters.messaging.Refusal;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.out.EngineMetrics;

/**
 * Events in from a RabbitMQ queue that every instance consumes (each message goes to one of them). Up to the
 * prefetch of messages are ingested at once on virtual threads, so the outbox commits them together; each is
 * acknowledged only after its ingest returned (event and deliveries committed), held then handed back when the
 * database is down, or published to the dead-letter queue (confirmed by the broker) then acknowledged when it can
 * never be ingested. A broker that is absent at start-up or drops the connection does not stop the service: it
 * keeps connecting, and consumes again when it can; what was unacknowledged comes back, under the same id.
 */
public final class RabbitMqIngest implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RabbitMqIngest.class.getName());
    /** On a dead-lettered message: the queue it was first consumed from. */
    public static final String SOURCE_QUEUE_HEADER = "webhooks-source-queue";

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final RabbitMqSettings settings;
    private final BusIngest bus;
    private final ConnectionFactory factory;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread connector;
    /** Dead letters are published one at a time: a channel's confirms cannot be waited for per message. */
    private final Object publishing = new Object();
    /** Acknowledgements come from many handler threads; each goes out whole on the shared channel. */
    private final Object acknowledging = new Object();

    /** One warning per outage: recovery retries every second, and each failed try would log again. */
    private final AtomicBoolean outageLogged = new AtomicBoolean();

    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile Channel consuming;
    private volatile Channel deadLetters;
    /** Set by the dead-letter channel's return listener; read and reset under {@code publishing}. */
    private volatile boolean deadLetterReturned;

    private volatile Handler handler;

    private RabbitMqIngest(
            RabbitMqSettings settings, BusSource source, IngestEventUseCase ingest, EngineMetrics metrics) {
        this.settings = settings;
        this.bus = new BusIngest(source, ingest, this::deadLetter, metrics);
        this.factory = factory(settings);
        // The client logs through SLF4J, which the service does not bind: its failures come here instead.
        factory.setExceptionHandler(new DefaultExceptionHandler() {
            @Override
            protected void log(String message, Throwable failure) {
                if (outageLogged.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "RabbitMQ: " + message + ": " + failure);
                }
            }
        });
        this.connector = Thread.ofPlatform().name("rabbitmq-connect").daemon().unstarted(this::connect);
    }

    /** Starts connecting in the background: returns at once, whether or not the broker is there. */
    public static RabbitMqIngest start(
            RabbitMqSettings settings, BusSource source, IngestEventUseCase ingest, EngineMetrics metrics) {
        RabbitMqIngest consumer = new RabbitMqIngest(settings, source, ingest, metrics);
        consumer.connector.start();
        return consumer;
    }

    /** Whether messages can reach this instance now: connected, and consuming the queue. */
    public boolean connected() {
        Connection current = connection;
        Channel channel = consuming;
        return current != null && current.isOpen() && channel != null && channel.isOpen();
    }

    private static ConnectionFactory factory(RabbitMqSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
        } catch (Exception e) {
            throw new IllegalArgumentException("ingest.rabbitmq.uri is not a usable AMQP URI: " + e.getMessage());
        }
        // Recovery reopens the connection, its channels and their consumer; the queues are declared again too.
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(RECONNECT_INTERVAL.toMillis());
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
        return factory;
    }

    /** Automatic recovery starts only after a first connection: until then, this thread keeps trying. */
    private void connect() {
        boolean warned = false;
        while (running) {
            try {
                open();
                LOG.log(
                        System.Logger.Level.INFO,
                        "Consuming RabbitMQ queue " + settings.queue() + " at " + settings.safeUri() + " (prefetch "
                                + settings.prefetch() + ")");
                return;
            } catch (IOException | TimeoutException | RuntimeException failed) {
                closeQuietly();
                if (!warned) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "RabbitMQ at " + settings.safeUri() + " is not reachable (" + failed + "); retrying every "
                                    + RECONNECT_INTERVAL.toMillis() + " ms");
                    warned = true;
                }
                try {
                    Thread.sleep(RECONNECT_INTERVAL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void open() throws IOException, TimeoutException {
        Connection opened = settings.connectionName().isEmpty()
                ? factory.newConnection()
                : factory.newConnection(settings.connectionName());
        connection = opened;
        if (opened instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "Lost the RabbitMQ connection to " + settings.safeUri()
                                    + "; reconnecting (unacknowledged messages will be redelivered)");
                }

                @Override
                public void handleRecovery(Recoverable recovered) {
                    outageLogged.set(false);
                    LOG.log(
                            System.Logger.Level.INFO,
                            "Reconnected to RabbitMQ; consuming " + settings.queue() + " again");
                }
            });
        }
        declare(opened, settings.queue());
        declare(opened, settings.deadLetterQueue());
        deadLetters = openPublisher(opened);
        Channel channel = opened.createChannel();
        channel.basicQos(settings.prefetch());
        Handler consumer = new Handler(channel);
        channel.basicConsume(settings.queue(), false, consumer);
        handler = consumer;
        consuming = channel;
        if (!running) {
            closeQuietly();
        }
    }

    /**
     * Makes sure the queue exists as a plain durable queue; one the operator declared otherwise (a quorum queue,
     * a length limit) is taken as it is, as long as it exists.
     */
    private static void declare(Connection connection, String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException differentArguments) {
            try (Channel channel = connection.createChannel()) {
                channel.queueDeclarePassive(queue);
            }
        }
    }

    /** Called on the connection's dispatch thread, one delivery after the other: hands each to its own thread. */
    private final class Handler extends DefaultConsumer {
        Handler(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            BusMessage message = new BusMessage(
                    body,
                    headers(properties),
                    Optional.ofNullable(properties.getMessageId()).filter(id -> !id.isBlank()),
                    settings.queue() + "#" + envelope.getDeliveryTag()
                            + (envelope.isRedeliver() ? " (redelivered)" : ""));
            handlers.execute(() -> handle(getChannel(), envelope.getDeliveryTag(), message));
        }
    }

    private void handle(Channel channel, long deliveryTag, BusMessage message) {
        BusIngest.Disposition disposition = bus.handle(message);
        try {
            if (disposition == BusIngest.Disposition.RETRY) {
                // Held, unacknowledged, for a while: it counts against the prefetch, so a failing instance slows.
                Thread.sleep(settings.retryDelay());
            }
            synchronized (acknowledging) {
                if (disposition == BusIngest.Disposition.ACK) {
                    channel.basicAck(deliveryTag, false);
                } else {
                    channel.basicNack(deliveryTag, false, true);
                }
            }
        } catch (IOException | RuntimeException lost) {
            // The channel is gone: the broker hands the message out again, and its id makes it the same event.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "Could not settle " + message.origin() + "; the broker redelivers it: " + lost);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** A channel for dead letters: publisher confirms on, and a message the broker could not route reported. */
    private Channel openPublisher(Connection opened) throws IOException {
        Channel publisher = opened.createChannel();
        publisher.confirmSelect();
        publisher.addReturnListener(unroutable -> deadLetterReturned = true);
        return publisher;
    }

    private void deadLetter(BusMessage message, Refusal refusal) throws IOException {
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(Refusal.REASON_HEADER, refusal.reason());
        headers.put(SOURCE_QUEUE_HEADER, settings.queue());
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC
                .builder()
                .headers(headers)
                .messageId(message.brokerMessageId().orElse(null))
                .build();
        synchronized (publishing) {
            Channel channel = deadLetters;
            if (channel == null || !channel.isOpen()) {
                // Closed by the broker (a refused publish) or by a timeout: the client's recovery does not reopen it.
                Connection current = connection;
                if (current == null || !current.isOpen()) {
                    throw new IOException("not connected to RabbitMQ");
                }
                channel = openPublisher(current);
                deadLetters = channel;
            }
            deadLetterReturned = false;
            channel.basicPublish("", settings.deadLetterQueue(), true, properties, message.body());
            try {
                if (!channel.waitForConfirms(CONFIRM_TIMEOUT.toMillis())) {
                    throw new IOException("the broker refused the dead letter (nack)");
                }
            } catch (TimeoutException | InterruptedException notConfirmed) {
                if (notConfirmed instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the broker did not confirm the dead letter", notConfirmed);
            }
            // A mandatory publish no queue took comes back (before its confirm): the dead-letter queue is gone.
            if (deadLetterReturned) {
                throw new IOException("no queue took the dead letter: is " + settings.deadLetterQueue() + " there?");
            }
        }
    }

    /** The message's headers, each as text (AMQP values may be numbers, booleans or byte strings). */
    private static Map<String, String> headers(AMQP.BasicProperties properties) {
        Map<String, Object> raw = properties.getHeaders();
        if (raw == null) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>();
        raw.forEach((name, value) -> {
            if (value != null) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }

    /**
     * Stops taking messages, lets those under way finish and settle (for up to 10 s), then closes the connection;
     * anything left unacknowledged goes back to the queue.
     */
    @Override
    public void close() {
        running = false;
        connector.interrupt();
        Channel channel = consuming;
        Handler consumer = handler;
        if (channel != null && channel.isOpen() && consumer != null) {
            try {
                channel.basicCancel(consumer.getConsumerTag());
            } catch (IOException | RuntimeException ignored) {
                // Closing the connection below cancels it anyway.
            }
        }
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        Connection current = connection;
        consuming = null;
        deadLetters = null;
        if (current != null) {
            try {
                current.close(2_000);
            } catch (IOException | RuntimeException ignored) {
                // Already closed, or the broker is gone: either way nothing is held any more.
            }
        }
    }
}
