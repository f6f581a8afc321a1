package org.agenthooks.adapters.messaging;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.agenthooks.application.port.in.IngestEventUseCase;
import org.agenthooks.application.port.out.EngineMetrics;

/**
 * Events in from NATS JetStream: a durable pull consumer, shared by every instance under the same name, so each
 * message is handled by one of them. The messages of a pull are ingested concurrently (virtual threads), so the
 * outbox commits them together; each is acknowledged only after its ingest returned (committed), handed back with
 * a delay when the database is down, or dead-lettered then acknowledged when it can never be ingested. A broker
 * that is absent or restarts does not stop the service: a worker keeps connecting, and consumes when it can.
 */
public final class JetStreamIngest implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JetStreamIngest.class.getName());
    /** The broker's header for a publisher's own message id, which JetStream also deduplicates on. */
    public static final String MSG_ID_HEADER = "Nats-Msg-Id";
    /** On a dead-lettered message: the subject it was first published on. */
    public static final String SOURCE_SUBJECT_HEADER = "webhooks-source-subject";

    private static final Duration PULL_WAIT = Duration.ofSeconds(1);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final int STREAM_NOT_FOUND = 10059;

    private final NatsSettings settings;
    private final BusIngest bus;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean consuming;
    private volatile Connection connection;

    private JetStreamIngest(NatsSettings settings, BusSource source, IngestEventUseCase ingest, EngineMetrics metrics) {
        this.settings = settings;
        this.bus = new BusIngest(source, ingest, this::deadLetter, metrics);
        this.worker = Thread.ofPlatform().name("nats-ingest").daemon().unstarted(this::run);
    }

    /** Starts consuming in the background; returns at once, whether or not the broker is there. */
    public static JetStreamIngest start(
            NatsSettings settings, BusSource source, IngestEventUseCase ingest, EngineMetrics metrics) {
        JetStreamIngest consumer = new JetStreamIngest(settings, source, ingest, metrics);
        consumer.worker.start();
        return consumer;
    }

    /** Connected to the broker with the consumer bound: what readiness reports for this source. */
    public boolean connected() {
        Connection current = connection;
        return consuming && current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    private void run() {
        try {
            consumeWhileRunning();
        } catch (Error fatal) {
            // Nothing is consumed any more: readiness must say so, and the operator must hear why.
            LOG.log(System.Logger.Level.ERROR, "NATS source stopped consuming", fatal);
            throw fatal;
        } finally {
            consuming = false;
        }
    }

    private void consumeWhileRunning() {
        boolean failing = false;
        while (running) {
            try {
                JetStreamSubscription subscription = subscribe(connection());
                consuming = true;
                LOG.log(
                        System.Logger.Level.INFO,
                        "Consuming events from NATS stream " + settings.stream() + " (subject " + settings.subject()
                                + ", consumer " + settings.durable() + ")");
                failing = false;
                consume(subscription);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | JetStreamApiException | RuntimeException failure) {
                consuming = false;
                if (!failing) {
                    // Once per outage, not once a second: the broker being away is one event to an operator.
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "NATS source not consuming (" + settings.url() + "), retrying every "
                                    + PAUSE_AFTER_FAILURE.toSeconds() + " s: " + failure);
                    failing = true;
                }
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private Connection connection() throws IOException, InterruptedException {
        Connection current = connection;
        if (current != null && current.getStatus() != Connection.Status.CLOSED) {
            return current;
        }
        Options options = Options.builder()
                .server(settings.url())
                .connectionName("agent-webhooks")
                .connectionTimeout(Duration.ofSeconds(2))
                // Once connected, the client reconnects by itself for as long as it takes.
                .maxReconnects(-1)
                .reconnectWait(PAUSE_AFTER_FAILURE)
                .connectionListener(JetStreamIngest::connectionEvent)
                .errorListener(new QuietErrors())
                .build();
        connection = Nats.connect(options);
        return connection;
    }

    private static void connectionEvent(Connection connection, ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> LOG.log(System.Logger.Level.WARNING, "NATS connection lost; reconnecting");
            case RECONNECTED -> LOG.log(System.Logger.Level.INFO, "NATS connection back");
            default -> {}
        }
    }

    /**
     * The client's own listener logs every failed reconnect as SEVERE, once a second for as long as the broker is
     * away; the disconnect and the reconnect are logged once each above, so these go to DEBUG.
     */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            LOG.log(System.Logger.Level.WARNING, "NATS server error: " + error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            LOG.log(System.Logger.Level.DEBUG, () -> "NATS connection: " + exception);
        }
    }

    private JetStreamSubscription subscribe(Connection current) throws IOException, JetStreamApiException {
        JetStreamManagement management = current.jetStreamManagement();
        ensureStream(management);
        // Every instance adds the same durable consumer; the server keeps one, which they then share.
        management.addOrUpdateConsumer(
                settings.stream(),
                ConsumerConfiguration.builder()
                        .durable(settings.durable())
                        .filterSubject(settings.subject())
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All)
                        .ackWait(settings.ackWait())
                        .maxAckPending(Math.max(1000L, 4L * settings.batch()))
                        .build());
        return current.jetStream()
                .subscribe(settings.subject(), PullSubscribeOptions.bind(settings.stream(), settings.durable()));
    }

    private void ensureStream(JetStreamManagement management) throws IOException, JetStreamApiException {
        try {
            management.getStreamInfo(settings.stream());
        } catch (JetStreamApiException missing) {
            if (missing.getApiErrorCode() != STREAM_NOT_FOUND || !settings.createStream()) {
                throw missing;
            }
            management.addStream(StreamConfiguration.builder()
                    .name(settings.stream())
                    .subjects(settings.subject(), settings.deadLetterSubject())
                    .storageType(StorageType.File)
                    .build());
            LOG.log(
                    System.Logger.Level.INFO,
                    "Created NATS stream " + settings.stream() + " for " + settings.subject() + " and "
                            + settings.deadLetterSubject());
        }
    }

    private void consume(JetStreamSubscription subscription) {
        try {
            while (running) {
                Iterator<Message> pulled = subscription.iterate(settings.batch(), PULL_WAIT);
                // Closing the executor waits for every message of the pull: none is left unsettled on stop.
                try (ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
                    while (pulled.hasNext()) {
                        Message message = pulled.next();
                        handlers.execute(() -> settle(message));
                    }
                }
            }
        } finally {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException alreadyGone) {
                // the connection went with it; the server drops the interest by itself
            }
        }
    }

    private void settle(Message message) {
        try {
            switch (bus.handle(busMessage(message))) {
                case ACK -> message.ack();
                case RETRY -> message.nakWithDelay(settings.retryDelay());
            }
        } catch (RuntimeException failure) {
            // Not acknowledged: the server sends it again after the ack wait, and its key keeps it one event.
            LOG.log(System.Logger.Level.WARNING, "Could not settle a NATS message; it will come again: " + failure);
        }
    }

    private BusMessage busMessage(Message message) {
        Map<String, String> headers = new HashMap<>();
        if (message.getHeaders() != null) {
            message.getHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.getFirst());
                }
            });
        }
        long sequence = message.metaData().streamSequence();
        // Without a publisher's id, the stream position names the message: a redelivery is then the same event.
        Optional<String> id = Optional.ofNullable(headers.get(MSG_ID_HEADER))
                .or(() -> Optional.of("nats-" + settings.stream() + "-" + sequence));
        return new BusMessage(
                message.getData() == null ? new byte[0] : message.getData(),
                headers,
                id,
                "nats " + settings.stream() + "#" + sequence);
    }

    private void deadLetter(BusMessage message, Refusal refusal) throws IOException {
        Headers headers = new Headers();
        message.headers().forEach(headers::put);
        // Its own id, not the original's: JetStream would take a copy under the original's id for a duplicate.
        headers.put(MSG_ID_HEADER, "dead-" + message.origin().replace(' ', '-'));
        headers.put(Refusal.REASON_HEADER, refusal.reason());
        headers.put(SOURCE_SUBJECT_HEADER, settings.subject());
        try {
            JetStream jetStream = connection.jetStream();
            jetStream.publish(NatsMessage.builder()
                    .subject(settings.deadLetterSubject())
                    .headers(headers)
                    .data(message.body())
                    .build());
        } catch (JetStreamApiException refused) {
            throw new IOException("the dead-letter subject " + settings.deadLetterSubject() + " refused it", refused);
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops pulling, lets the messages of the current pull finish and settle, then closes the connection. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(settings.ackWait().plus(PULL_WAIT));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        consuming = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
