package org.agenthooks.bench;

import static org.agenthooks.bench.Table.f;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The API's speed figures: the service's start-up time and idle memory, GET /v1/webhooks/{id} requests/s against a
 * bare Helidon route in the same run (wrk, 2 threads, 64 connections), and POST /v1/webhooks requests/s.
 * Needs {@code wrk} on the PATH and the built service jar; run it through {@code bench/run.sh api}.
 */
public final class ApiBenchmark {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.apiWarmUpSeconds", 30));
    private static final Duration GET_RUN = Duration.ofSeconds(15);
    private static final Duration POST_WARM_UP = Duration.ofSeconds(3);
    private static final Duration POST_RUN = Duration.ofSeconds(10);
    static final int QUIET_WAIT_SECONDS = 30;
    private static final String KEY_HEADER = "X-API-Key: " + ServiceProcess.API_KEY;

    private ApiBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println(Environment.describe());
        System.out.println(Environment.idleCheck());
        Table table = new Table("API benchmark: wrk -t" + Wrk.THREADS + " -c" + Wrk.CONNECTIONS + ", "
                + WARM_UP.toSeconds() + " s warm-up before each measured run");

        Duration serviceStart;
        double serviceIdleRss;
        Wrk.Result get;
        Wrk.Result post;
        double serviceLoadedRss;
        int getBodyBytes;
        System.out.println(Environment.awaitQuiet(QUIET_WAIT_SECONDS));
        try (ServiceProcess service = ServiceProcess.service(Map.of())) {
            serviceStart = service.awaitFirstAnswer(STARTUP_LIMIT);
            Thread.sleep(IDLE.toMillis());
            serviceIdleRss = service.residentMib();
            System.out.println(f(
                    "service: first answer after %d ms, VmRSS after %d s idle %.0f MiB (pid %d, log %s)",
                    serviceStart.toMillis(), IDLE.toSeconds(), serviceIdleRss, service.pid(), service.log()));

            ServiceApi api = new ServiceApi(service.baseUri());
            String webhookId = api.createWebhook(
                    "Bench webhook",
                    ServiceProcess.AGENT_DOCS,
                    "https://example.com/webhooks/ai-agent",
                    List.of("conversation_started", "conversation_ended"));
            HttpResponse<String> check = api.get("/v1/webhooks/" + webhookId);
            if (check.statusCode() != 200) {
                throw new IllegalStateException("GET webhook answered " + check.statusCode() + ": " + check.body());
            }
            getBodyBytes = check.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            String getUrl = service.baseUri() + "/v1/webhooks/" + webhookId;
            Wrk.run(WARM_UP, getUrl, List.of(KEY_HEADER), null);
            get = Wrk.run(GET_RUN, getUrl, List.of(KEY_HEADER), null);
            System.out.println(f(
                    "service GET: %.0f req/s, p50 %.2f ms, p99 %.2f ms",
                    get.requestsPerSecond(), get.p("50"), get.p("99")));

            Path script = postScript();
            String postUrl = service.baseUri() + "/v1/webhooks";
            Wrk.run(POST_WARM_UP, postUrl, List.of(), script);
            post = Wrk.run(POST_RUN, postUrl, List.of(), script);
            System.out.println(f(
                    "service POST: %.0f req/s, p50 %.2f ms, p99 %.2f ms",
                    post.requestsPerSecond(), post.p("50"), post.p("99")));
            service.requireAlive("API benchmark");
            serviceLoadedRss = service.residentMib();
        }

        Duration bareStart;
        double bareIdleRss;
        Wrk.Result bare;
        System.out.println(Environment.awaitQuiet(QUIET_WAIT_SECONDS));
        try (ServiceProcess server = ServiceProcess.bare()) {
            bareStart = server.awaitFirstAnswer(STARTUP_LIMIT);
            Thread.sleep(IDLE.toMillis());
            bareIdleRss = server.residentMib();
            String url = server.baseUri() + BareServer.PATH;
            Wrk.run(WARM_UP, url, List.of(), null);
            bare = Wrk.run(GET_RUN, url, List.of(), null);
            server.requireAlive("bare server");
            System.out.println(f(
                    "bare GET: %.0f req/s, p50 %.2f ms, p99 %.2f ms",
                    bare.requestsPerSecond(), bare.p("50"), bare.p("99")));
        }

        double ratio = get.requestsPerSecond() / bare.requestsPerSecond();
        table.row(
                        "service start to first answer (GET /openapi)",
                        f("%d ms", serviceStart.toMillis()),
                        "< 2000 ms" + verdict(serviceStart.toMillis() < 2000))
                .row(
                        "service VmRSS after 5 s idle",
                        f("%.0f MiB", serviceIdleRss),
                        "< 200 MB" + verdict(serviceIdleRss * 1.048576 < 200))
                .row("service VmRSS after the load runs", f("%.0f MiB", serviceLoadedRss), "for information")
                .row("bare server start to first answer", f("%d ms", bareStart.toMillis()), "yardstick")
                .row("bare server VmRSS after 5 s idle", f("%.0f MiB", bareIdleRss), "yardstick")
                .row("GET /v1/webhooks/{id} requests/s", rps(get), f("%d-byte body, %s", getBodyBytes, errors(get)))
                .row("GET /v1/webhooks/{id} latency p50 / p99", latency(get), "")
                .row("bare GET (300-byte JSON) requests/s", rps(bare), errors(bare))
                .row("bare GET latency p50 / p99", latency(bare), "")
                .row("GET webhook / bare", f("%.0f %%", ratio * 100), ">= 40 %, aim 60 %" + verdict(ratio >= 0.4))
                .row("POST /v1/webhooks requests/s (" + POST_RUN.toSeconds() + " s)", rps(post), errors(post))
                .row("POST /v1/webhooks latency p50 / p99", latency(post), "");
        table.print();
    }

    /** The Lua script that makes wrk POST the docs' create request (agent D5D0p7TUs66TTAEAx, a local URL). */
    private static Path postScript() throws java.io.IOException {
        String body = ServiceApi.createBody(
                "Bench webhook",
                ServiceProcess.AGENT_DOCS,
                "http://127.0.0.1:9/x",
                List.of("conversation_started", "conversation_ended"));
        Path script = Files.createTempFile("webhooks-bench-post-", ".lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.body = '%s'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["X-API-Key"] = "%s"
                """.formatted(body, ServiceProcess.API_KEY));
        script.toFile().deleteOnExit();
        return script;
    }

    private static String rps(Wrk.Result result) {
        return f("%.0f", result.requestsPerSecond());
    }

    private static String latency(Wrk.Result result) {
        return f("%.2f / %.2f ms", result.p("50"), result.p("99"));
    }

    private static String errors(Wrk.Result result) {
        return f(
                "%d requests, %d non-2xx, %d socket errors", result.requests(), result.non2xx(), result.socketErrors());
    }

    static String verdict(boolean met) {
        return met ? " (met)" : " (MISSED)";
    }
}
