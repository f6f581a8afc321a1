package org.agenthooks.application.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.agenthooks.application.port.out.OutboundRequest;
import org.agenthooks.application.port.out.WebhookSender;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * Fake of {@link WebhookSender}: records every request and answers from a script, then with a standing answer
 * (200 unless told). It can hold every answer until released, to catch attempts in flight. Thread-safe.
 */
public final class ScriptedWebhookSender implements WebhookSender {
    private final List<OutboundRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<AttemptResult> script = new ConcurrentLinkedQueue<>();
    private volatile AttemptResult otherwise = ok();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicReference<Error> failure = new AtomicReference<>();

    public static AttemptResult ok() {
        return status(200);
    }

    public static AttemptResult status(int code) {
        return AttemptResult.answered(code, Optional.empty(), Duration.ofMillis(1), "status " + code);
    }

    public static AttemptResult status(int code, Duration retryAfter) {
        return AttemptResult.answered(code, Optional.of(retryAfter), Duration.ofMillis(1), "status " + code);
    }

    public static AttemptResult refused() {
        return AttemptResult.unreachable("connection refused", Duration.ofMillis(1));
    }

    /** The next answers, in order, before the standing one. */
    public void answer(AttemptResult... answers) {
        script.addAll(Arrays.asList(answers));
    }

    /** The answer once the script is used up. */
    public void otherwiseAnswer(AttemptResult answer) {
        otherwise = answer;
    }

    /** The next request throws this error instead of answering, as a bug in a sender would. */
    public void failNextWith(Error error) {
        failure.set(error);
    }

    /** From now on every request waits, recorded but unanswered, until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    @Override
    public AttemptResult send(OutboundRequest request) throws InterruptedException {
        requests.add(request);
        gate.await();
        Error error = failure.getAndSet(null);
        if (error != null) {
            throw error;
        }
        AttemptResult next = script.poll();
        return next != null ? next : otherwise;
    }

    public List<OutboundRequest> requests() {
        return List.copyOf(requests);
    }

    public List<OutboundRequest> requestsTo(WebhookUrl url) {
        return requests.stream().filter(request -> request.url().equals(url)).toList();
    }

    public int count() {
        return requests.size();
    }
}
