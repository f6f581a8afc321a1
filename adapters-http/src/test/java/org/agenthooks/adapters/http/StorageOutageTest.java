package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.agenthooks.application.fakes.InMemoryApplication;
import org.agenthooks.application.port.in.GetWebhookUseCase;
import org.agenthooks.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.Test;

class StorageOutageTest {
    @Test
    void an_unreachable_store_answers_503_with_retry_after_not_500() throws Exception {
        try (InMemoryApplication app = new InMemoryApplication(Clock.systemUTC())) {
            String key = app.createWorkspace().create("w").firstKey().reveal();
            GetWebhookUseCase failing = (workspace, id) -> {
                throw new IllegalStateException(
                        "query failed", new StorageUnavailableException("no database connection", null));
            };
            RestApi api = new RestApi(
                    app.authenticate(),
                    new WebhookUseCases(
                            app.register(),
                            failing,
                            app.list(),
                            app.update(),
                            app.replace(),
                            app.delete(),
                            app.rotateSecret(),
                            app.endpointHealth()),
                    new AgentUseCases(app.createAgent(), app.getAgent(), app.listAgents()),
                    new DeliveryUseCases(
                            app.ingest(),
                            app.ingestBatch(),
                            app.getEvent(),
                            app.listDeliveries(),
                            app.getDelivery(),
                            app.redeliver(),
                            app.sendTest(),
                            app.stats(),
                            app.replay(),
                            app.listWebhookEvents(),
                            app.checkSignature()),
                    ApiTestServer.MAX_BODY_BYTES,
                    ApiTestServer.GENEROUS);
            WebServer server =
                    WebServer.builder().port(0).routing(api::routing).build().start();
            try {
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                                                + "/v1/webhooks/wh_0000000000000000"))
                                        .header("X-API-Key", key)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(Json.parse(response.body()).getString("title")).isEqualTo("Service Unavailable");
            } finally {
                server.stop();
            }
        }
    }
}
