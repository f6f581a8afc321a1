package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's whole log over a scenario (create, deliver, rotate, fail, change, restart, deliver) holds no
 * webhook secret and no API key's secret part; the only exception is the line that shows a demo key the service
 * made itself at first start.
 */
class SecretsStayOutOfLogsTest {
    private static final String AGENT = EndToEndTest.DOCS_AGENT;
    private static final String API_KEY = "key_LogScanKey1.log-scan-secret-part-0123456789";

    @TempDir
    Path workDir;

    @Test
    void with_demo_api_key_given_no_secret_shows_anywhere_in_the_log() throws Exception {
        Map<String, String> env = Map.of(
                "DEMO_API_KEY", API_KEY,
                "DELIVERY_SCHEDULE", "0s, 200ms",
                "DELIVERY_JITTER", "0",
                "DELIVERY_POLL_INTERVAL", "100ms");
        List<String> secrets = new ArrayList<>(List.of(API_KEY.substring(API_KEY.indexOf('.') + 1)));
        StringBuilder logs = new StringBuilder();
        try (TestReceiver receiver = new TestReceiver()) {
            try (ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), env)) {
                secrets.addAll(scenario(new ServiceClient(service.port, API_KEY), receiver));
                service.terminate();
                logs.append(service.log());
            }
            try (ServiceProcess restarted = ServiceProcess.start(workDir, ServiceProcess.freePort(), env)) {
                ServiceClient api = new ServiceClient(restarted.port, API_KEY);
                int before = receiver.received("/ok").size();
                sendEvent(api);
                Eventually.within(
                        EndToEndTest.PATIENCE,
                        () -> assertThat(receiver.received("/ok")).hasSizeGreaterThan(before));
                restarted.terminate();
                logs.append(restarted.log());
            }
        }

        assertThat(logs).as("the log was captured").contains("Agent webhooks listening on");
        for (String secret : secrets) {
            assertThat(logs.toString()).doesNotContain(secret);
        }
    }

    @Test
    void a_demo_key_the_service_made_itself_shows_once_on_its_own_line_and_nowhere_else() throws Exception {
        String log;
        try (ServiceProcess service = ServiceProcess.start(workDir, ServiceProcess.freePort(), Map.of())) {
            Matcher shown = Pattern.compile("Demo API key: (key_[0-9A-Za-z]{11}\\.(\\S+))")
                    .matcher(service.log());
            assertThat(shown.find()).isTrue();
            ServiceClient api = new ServiceClient(service.port, shown.group(1));
            api.json("POST", "/v1/webhooks", """
                    {"name":"x","url":"https://example.com/h","agentId":"%s","secret":"made-demo-key-secret-1",
                     "events":["conversation_ended"]}""".formatted(AGENT), 201);
            service.terminate();
            log = service.log();
            assertThat(log).containsOnlyOnce(shown.group(2)).doesNotContain("made-demo-key-secret-1");
        }
        try (ServiceProcess again = ServiceProcess.start(workDir, ServiceProcess.freePort(), Map.of())) {
            again.terminate();
            assertThat(again.log()).doesNotContain(log.replaceAll("(?s).*Demo API key: key_\\w{11}\\.(\\S+).*", "$1"));
        }
    }

    /** Every secret the scenario used, whole and (for whsec_ ones) as the base64 key alone. */
    private static List<String> scenario(ServiceClient api, TestReceiver receiver) {
        List<String> secrets = new ArrayList<>();
        String given = "given-secret-for-the-log-scan";
        secrets.add(given);
        String ok = api.json("POST", "/v1/webhooks", """
                {"name":"ok","url":"%s","agentId":"%s","secret":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/ok"), AGENT, given), 201)
                .getString("webhookId");
        String down = api.json("POST", "/v1/webhooks", """
                {"name":"down","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/down"), AGENT), 201)
                .getString("secret");
        secrets.add(down);
        sendEvent(api);
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/ok")).hasSize(1));

        String rotated = api.json("POST", "/v1/webhooks/" + ok + "/secret/rotate", "{}", 200)
                .getString("secret");
        secrets.add(rotated);
        sendEvent(api);
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/ok")).hasSize(2));
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/down")).hasSizeGreaterThanOrEqualTo(4));

        String patched = "patched-secret-for-the-log-scan";
        secrets.add(patched);
        api.json("PATCH", "/v1/webhooks/" + ok, "{\"secret\":\"" + patched + "\"}", 200);
        api.json("POST", "/v1/webhooks/" + ok + "/secret/rotate", "{\"secret\":\"bad\"}", 400);
        List<String> withKeys = new ArrayList<>(secrets);
        secrets.stream()
                .filter(secret -> secret.startsWith("whsec_"))
                .forEach(secret -> withKeys.add(secret.substring("whsec_".length())));
        return withKeys;
    }

    private static void sendEvent(ServiceClient api) {
        api.json("POST", "/v1/events", """
                {"type":"conversation_ended","agentId":"%s","data":{}}""".formatted(AGENT), 202);
    }
}
