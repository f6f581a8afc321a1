package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.http.HttpRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.delivery.DeliveryStatus;
import org.agenthooks.domain.delivery.Signer;
import org.agenthooks.domain.event.AgentEvent;
import org.agenthooks.domain.event.ConversationId;
import org.agenthooks.domain.event.EventData;
import org.agenthooks.domain.event.EventId;
import org.agenthooks.domain.event.EventType;
import org.agenthooks.domain.webhook.Secret;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi.json} true: its operations are exactly the routes the services register, its examples and
 * the server's real answers fit its schemas, and {@code GET /openapi} serves it as it is.
 */
class OpenApiDocumentTest {
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static final ApiTestServer server = new ApiTestServer();
    private static final byte[] RESOURCE = resource();
    private static final JsonObject DOCUMENT = Json.parse(new String(RESOURCE, StandardCharsets.UTF_8));

    /** One route as a service registers it; {@code ANY} is the catch-all that answers 405. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_document_is_openapi_3_1_json() {
        assertThat(DOCUMENT.getString("openapi")).isEqualTo("3.1.0");
        assertThat(DOCUMENT.getJsonObject("info").getString("title")).isEqualTo("Agent webhooks API");
        assertThat(DOCUMENT.getJsonArray("servers").getJsonObject(0).getString("url"))
                .isEqualTo("http://localhost:8080");
        JsonObject apiKey = DOCUMENT.getJsonObject("components")
                .getJsonObject("securitySchemes")
                .getJsonObject("ApiKey");
        assertThat(apiKey.getString("type")).isEqualTo("apiKey");
        assertThat(apiKey.getString("in")).isEqualTo("header");
        assertThat(apiKey.getString("name")).isEqualTo(ApiKeyFilter.API_KEY.defaultCase());
        assertThat(DOCUMENT.getJsonArray("security"))
                .containsExactly(jakarta.json.Json.createObjectBuilder()
                        .add("ApiKey", jakarta.json.Json.createArrayBuilder())
                        .build());
    }

    @Test
    void every_routed_operation_is_documented() {
        assertThat(documentedOperations()).containsAll(routedOperations());
    }

    @Test
    void every_documented_operation_is_routed() {
        assertThat(routedOperations()).containsAll(documentedOperations());
    }

    @Test
    void the_route_recorder_sees_every_service() {
        assertThat(routes().stream()
                        .map(Route::path)
                        .map(path -> restApi().services().keySet().stream()
                                .filter(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))
                                .findFirst()
                                .orElse(path))
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(restApi().services().keySet());
    }

    @Test
    void every_path_answers_other_methods_with_405_and_the_documented_allow() {
        Set<String> anyPaths = new TreeSet<>();
        routes().stream().filter(route -> route.method().equals("ANY")).forEach(route -> anyPaths.add(route.path()));
        assertThat(anyPaths).isEqualTo(new TreeSet<>(documentedPaths()));

        for (String path : documentedPaths()) {
            JsonObject item = DOCUMENT.getJsonObject("paths").getJsonObject(path);
            List<String> methods =
                    HTTP_METHODS.stream().filter(item::containsKey).toList();
            String other = Stream.of("GET", "POST", "PUT", "PATCH", "DELETE")
                    .filter(method -> !methods.contains(method.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow();
            Matcher allow = Pattern.compile("`Allow: ([A-Z, ]+)`").matcher(item.getString("description"));
            assertThat(allow.find()).as(path + " says what Allow lists").isTrue();

            HttpResponse<String> response = server.send(other, concrete(path), server.key(), JSON, "{}");

            assertThat(response.statusCode()).as(other + " " + path).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValue(allow.group(1));
            assertThat(List.of(allow.group(1).toLowerCase(Locale.ROOT).split(", ")))
                    .containsExactlyInAnyOrderElementsOf(methods);
        }
    }

    @Test
    void every_operation_documents_a_success_and_its_problems() {
        List<String> operations = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            String at = method.toUpperCase(Locale.ROOT) + " " + path;
            operations.add(at);
            JsonObject responses = operation.getJsonObject("responses");
            List<String> successes = responses.keySet().stream()
                    .filter(code -> code.matches("2\\d\\d"))
                    .toList();
            assertThat(successes).as(at + " success").hasSize(1);
            for (String code : successes) {
                JsonObject response = resolve(responses.get(code)).asJsonObject();
                if (code.equals("204")) {
                    assertThat(response.containsKey("content"))
                            .as(at + " 204 has no body")
                            .isFalse();
                } else {
                    assertThat(response.getJsonObject("content").keySet())
                            .as(at + " " + code)
                            .containsExactly(JSON);
                    assertThat(response.getJsonObject("content")
                                    .getJsonObject(JSON)
                                    .containsKey("schema"))
                            .isTrue();
                }
            }
            Set<String> problems = new TreeSet<>(responses.keySet());
            problems.removeAll(successes);
            for (String code : problems) {
                JsonObject content = resolve(responses.get(code)).asJsonObject().getJsonObject("content");
                assertThat(content.keySet()).as(at + " " + code).containsExactly(PROBLEM_JSON);
                assertThat(content.getJsonObject(PROBLEM_JSON)
                                .getJsonObject("schema")
                                .getString("$ref"))
                        .isEqualTo("#/components/schemas/Problem");
            }
            Set<String> expected = new TreeSet<>(Set.of("500"));
            if (path.startsWith("/v1/")) {
                expected.addAll(Set.of("401", "429", "503"));
                assertThat(operation.containsKey("security"))
                        .as(at + " uses the global API key")
                        .isFalse();
            } else {
                assertThat(operation.getJsonArray("security"))
                        .as(at + " is open")
                        .isEmpty();
            }
            if (path.contains("{")) {
                expected.add("404");
            }
            if (operation.containsKey("requestBody")) {
                expected.addAll(Set.of("400", "413", "415"));
                JsonObject schema = resolve(operation
                                .getJsonObject("requestBody")
                                .getJsonObject("content")
                                .getJsonObject(JSON)
                                .get("schema"))
                        .asJsonObject();
                assertThat(schema.get("additionalProperties"))
                        .as(at + " refuses unknown fields")
                        .isEqualTo(JsonValue.FALSE);
            }
            assertThat(problems).as(at + " problems").containsAll(expected);
            assertThat(problems)
                    .as(at + " lists 405 on the path, not the operation")
                    .doesNotContain("405");
            assertThat(pathParameters(path, operation))
                    .as(at + " path parameters")
                    .containsExactlyInAnyOrderElementsOf(PATH_PARAMETER
                            .matcher(path)
                            .results()
                            .map(match -> match.group(1))
                            .toList());
        });
        assertThat(operations).hasSize(routedOperations().size());
    }

    @Test
    void every_reference_resolves() {
        List<String> refs = new ArrayList<>();
        walk(DOCUMENT, node -> {
            if (node.containsKey("$ref")) {
                refs.add(node.getString("$ref"));
            }
        });
        assertThat(refs).hasSizeGreaterThan(100);
        refs.forEach(ref -> assertThat(pointer(ref)).as(ref).isPresent());
    }

    @Test
    void every_example_fits_its_schema() {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        walk(DOCUMENT, node -> {
            if (node.get("examples") instanceof JsonArray examples) {
                examples.forEach(example -> problems.addAll(Schemas.check(example, node)));
                checked[0] += examples.size();
            }
            if (node.containsKey("schema") && node.get("examples") instanceof JsonObject examples) {
                examples.values()
                        .forEach(example -> problems.addAll(
                                Schemas.check(example.asJsonObject().get("value"), node.get("schema"))));
                checked[0] += examples.size();
            }
            if (node.containsKey("schema") && node.containsKey("example")) {
                problems.addAll(Schemas.check(node.get("example"), node.get("schema")));
                checked[0]++;
            }
        });
        assertThat(checked[0]).isGreaterThan(60);
        assertThat(problems).isEmpty();
    }

    @Test
    void the_schema_check_refuses_what_does_not_fit() {
        JsonObject webhook = Json.parse("""
                {"workspaceId":"org_BUbkx3PsbzQm5V10","webhookId":"wh_BUbkx3PsbzQm5V10","name":"n",
                 "agentId":"D5D0p7TUs66TTAEAx","active":true,"secret":"****bE7u","previousSecretExpiresAt":null,
                 "events":["conversation_started"],"ordering":"conversation",
                 "url":"https://example.com/h","createdAt":"2026-01-15T09:30:00Z","updatedAt":"2026-01-15T09:30:00Z",
                 "disabledReason":null,"disabledAt":null,
                 "endpointHealth":{"state":"half_open","limit":1,"inFlight":1,"pausedUntil":null}}""");
        JsonObject schema = schema("Webhook");

        assertThat(Schemas.check(webhook, schema)).isEmpty();
        assertThat(Schemas.check(with(webhook, "extra", JsonValue.TRUE), schema))
                .isNotEmpty();
        assertThat(Schemas.check(without(webhook, "url"), schema)).isNotEmpty();
        assertThat(Schemas.check(
                        with(
                                webhook,
                                "endpointHealth",
                                Json.parse(
                                        "{\"state\":\"ajar\",\"limit\":1," + "\"inFlight\":0,\"pausedUntil\":null}")),
                        schema))
                .isNotEmpty();
        assertThat(Schemas.check(with(webhook, "endpointHealth", JsonValue.NULL), schema))
                .isEmpty();
        assertThat(Schemas.check(with(webhook, "secret", value("your-signing-secret")), schema))
                .isNotEmpty();
        assertThat(Schemas.check(with(webhook, "events", value("conversation_started")), schema))
                .isNotEmpty();
        assertThat(Schemas.check(with(webhook, "webhookId", value("wh_1")), schema))
                .isNotEmpty();
        assertThat(Schemas.check(with(webhook, "createdAt", value("yesterday")), schema))
                .isNotEmpty();
        assertThat(Schemas.check(
                        Json.parse("{\"name\":\"n\",\"url\":\"https://e.com\",\"agentId\":\"a\","
                                + "\"events\":\"conversation_started\",\"event\":\"x\"}"),
                        schema("WebhookDefinition")))
                .isNotEmpty();
    }

    @Test
    void event_types_and_delivery_statuses_follow_the_catalog() {
        assertThat(enumOf("EventType"))
                .containsExactlyElementsOf(
                        Stream.of(EventType.values()).map(EventType::wireName).toList());
        assertThat(enumOf("SubscribableEventType"))
                .containsExactlyElementsOf(EventType.subscribableTypes().stream()
                        .map(EventType::wireName)
                        .toList());
        assertThat(enumOf("DeliveryStatus"))
                .containsExactlyElementsOf(Stream.of(DeliveryStatus.values())
                        .map(DeliveryStatus::wireName)
                        .toList());
        assertThat(DOCUMENT.getJsonObject("webhooks").keySet()).containsExactlyElementsOf(enumOf("EventType"));
    }

    @Test
    void webhook_request_schemas_name_the_fields_the_handlers_read() {
        assertThat(schema("WebhookDefinition").getJsonObject("properties").keySet())
                .containsExactlyInAnyOrderElementsOf(WebhookJson.DEFINITION_FIELDS);
        assertThat(schema("WebhookChanges").getJsonObject("properties").keySet())
                .containsExactlyInAnyOrderElementsOf(WebhookJson.DEFINITION_FIELDS);
        assertThat(schema("SecretRotation").getJsonObject("properties").keySet())
                .containsExactlyInAnyOrderElementsOf(WebhookJson.ROTATION_FIELDS);
    }

    @Test
    void the_signed_delivery_example_is_the_real_payload_and_signature() {
        JsonObject post = DOCUMENT.getJsonObject("webhooks")
                .getJsonObject("conversation_ended")
                .getJsonObject("post");
        Map<String, String> headers = new LinkedHashMap<>();
        post.getJsonArray("parameters").forEach(parameter -> {
            JsonObject header = resolve(parameter).asJsonObject();
            headers.put(header.getString("name"), header.getString("example"));
        });
        JsonObject example = post.getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject(JSON)
                .getJsonObject("examples")
                .getJsonObject("signed");
        JsonObject body = example.getJsonObject("value");
        Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(example.getString("description"));
        assertThat(secret.find()).isTrue();
        AgentEvent event = new AgentEvent(
                        new EventId(body.getString("id")),
                        new WorkspaceId(body.getString("workspaceId")),
                        new AgentId(body.getString("agentId")),
                        EventType.fromWireName(body.getString("type")).orElseThrow(),
                        Optional.of(new ConversationId(body.getString("conversationId"))),
                        new EventData(body.getJsonObject("data").toString()),
                        Instant.parse(body.getString("timestamp")))
                .numbered(body.getJsonNumber("sequence").longValueExact());

        assertThat(new String(event.payload(), StandardCharsets.UTF_8)).isEqualTo(body.toString());
        assertThat(headers.get("webhook-id")).isEqualTo(body.getString("id"));
        assertThat(headers.get("webhook-signature"))
                .isEqualTo(Signer.sign(
                        Secret.of(secret.group()),
                        headers.get("webhook-id"),
                        Long.parseLong(headers.get("webhook-timestamp")),
                        event.payload()));
    }

    @Test
    void get_openapi_serves_the_document_without_an_api_key() {
        HttpResponse<String> response = server.send("GET", "/openapi", null, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.body()).isEqualTo(new String(RESOURCE, StandardCharsets.UTF_8));
    }

    @Test
    void real_answers_fit_the_documented_responses() throws InterruptedException {
        Exchanges calls = new Exchanges();
        String agentId = server.agent.id().value();
        String newAgent = calls.expect("POST", "/v1/agents", "/v1/agents", 201, "{\"name\":\"Billing agent\"}")
                .getString("agentId");
        calls.expect("GET", "/v1/agents/" + newAgent, "/v1/agents/{agentId}", 200, null);
        calls.expect("GET", "/v1/agents", "/v1/agents", 200, null);
        String definition = """
                {"name":"Test Webhook 1","url":"https://your-server.com/webhooks/ai-agent","agentId":"%s",
                 "secret":"your-signing-secret","events":["conversation_started","conversation_ended"]}""".formatted(agentId);
        String webhook = "/v1/webhooks/"
                + calls.expect("POST", "/v1/webhooks", "/v1/webhooks", 201, definition)
                        .getString("webhookId");
        calls.expect("GET", webhook, "/v1/webhooks/{webhookId}", 200, null);
        calls.expect("GET", "/v1/webhooks?limit=1", "/v1/webhooks", 200, null);
        calls.expect("PATCH", webhook, "/v1/webhooks/{webhookId}", 200, "{\"name\":\"Renamed\"}");
        calls.expect("PUT", webhook, "/v1/webhooks/{webhookId}", 200, definition);
        String event = "/v1/events/"
                + calls.expect("POST", "/v1/events", "/v1/events", 202, """
                {"type":"conversation_ended","agentId":"%s","conversationId":"conv_8f2c1a","id":"call-0042-ended",
                 "data":{"durationSeconds":312}}""".formatted(agentId))
                        .getString("eventId");
        calls.expect("POST", "/v1/events/batch", "/v1/events/batch", 200, """
                {"events":[{"type":"conversation_started","agentId":"%s","data":{}},
                 {"type":"conversation_ended","agentId":"%s","data":"not an object"},[]]}""".formatted(agentId, agentId));
        calls.expect("POST", "/v1/events/batch", "/v1/events/batch", 400, "{\"events\":[]}");
        String delivery = "/v1/deliveries/"
                + calls.expect("GET", event, "/v1/events/{eventId}", 200, null)
                        .getJsonArray("deliveries")
                        .getJsonObject(0)
                        .getString("deliveryId");
        for (int i = 0;
                i < 100
                        && Json.parse(server.get(delivery).body())
                                .getJsonArray("attemptLog")
                                .isEmpty();
                i++) {
            Thread.sleep(50);
        }
        assertThat(calls.expect("GET", delivery, "/v1/deliveries/{deliveryId}", 200, null)
                        .getJsonArray("attemptLog"))
                .isNotEmpty();
        calls.expect("POST", delivery + "/redeliver", "/v1/deliveries/{deliveryId}/redeliver", 202, null);
        calls.expect("GET", webhook + "/deliveries", "/v1/webhooks/{webhookId}/deliveries", 200, null);
        calls.expect("GET", webhook + "/stats", "/v1/webhooks/{webhookId}/stats", 200, null);
        calls.expect("GET", webhook + "/stats?since=yesterday", "/v1/webhooks/{webhookId}/stats", 400, null);
        calls.expect("POST", webhook + "/test", "/v1/webhooks/{webhookId}/test", 202, null);
        calls.expect(
                "POST",
                webhook + "/replay",
                "/v1/webhooks/{webhookId}/replay",
                202,
                "{\"since\":\"2000-01-01T00:00:00Z\",\"until\":\"2100-01-01T00:00:00Z\",\"status\":\"succeeded\"}");
        calls.expect(
                "POST",
                webhook + "/replay",
                "/v1/webhooks/{webhookId}/replay",
                400,
                "{\"since\":\"2100-01-01T00:00:00Z\",\"until\":\"2000-01-01T00:00:00Z\"}");
        assertThat(calls.expect("GET", webhook + "/events?limit=5", "/v1/webhooks/{webhookId}/events", 200, null)
                        .getJsonArray("data"))
                .isNotEmpty();
        calls.expect("GET", webhook + "/events?after=x", "/v1/webhooks/{webhookId}/events", 400, null);
        calls.expect(
                "POST",
                webhook + "/signature-check",
                "/v1/webhooks/{webhookId}/signature-check",
                200,
                "{\"headers\":{\"webhook-id\":\"" + event.substring("/v1/events/".length())
                        + "\",\"webhook-timestamp\":\"1768469460\",\"webhook-signature\":\"v1,AAAA\"},"
                        + "\"body\":\"{}\"}");
        calls.expect(
                "POST",
                webhook + "/secret/rotate",
                "/v1/webhooks/{webhookId}/secret/rotate",
                200,
                "{\"gracePeriodSeconds\":3600}");
        calls.expect(
                "POST",
                webhook + "/secret/rotate",
                "/v1/webhooks/{webhookId}/secret/rotate",
                400,
                "{\"gracePeriodSeconds\":604801}");
        calls.expect("GET", "/v1/event-types", "/v1/event-types", 200, null);
        calls.expect("GET", "/openapi", "/openapi", 200, null);
        calls.expect("GET", "/v1/webhooks?limit=0", "/v1/webhooks", 400, null);
        calls.expect("POST", "/v1/webhooks", "/v1/webhooks", 400, "{\"event\":\"conversation_started\"}");
        calls.expect("GET", "/v1/webhooks/wh_0000000000000000", "/v1/webhooks/{webhookId}", 404, null);
        calls.expectWith(
                server.sendBytes(
                        "POST",
                        "/v1/agents",
                        server.key(),
                        JSON,
                        ("{\"name\":\"" + "x".repeat((int) ApiTestServer.MAX_BODY_BYTES) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)),
                "POST",
                "/v1/agents",
                413);
        calls.expectWith(
                server.send("POST", "/v1/events", server.key(), "text/plain", "{}"), "POST", "/v1/events", 415);
        calls.expectWith(server.send("GET", "/v1/event-types", null, null, null), "GET", "/v1/event-types", 401);
        calls.expect("DELETE", webhook, "/v1/webhooks/{webhookId}", 204, null);

        Set<String> documentedSuccesses = new TreeSet<>();
        forEachOperation((path, method, operation) -> operation.getJsonObject("responses").keySet().stream()
                .filter(code -> code.startsWith("2"))
                .forEach(code -> documentedSuccesses.add(method.toUpperCase(Locale.ROOT) + " " + path + " " + code)));
        assertThat(calls.seen).as("every documented success is exercised").containsAll(documentedSuccesses);
    }

    /** Calls the real server and checks each answer against the operation's documented response. */
    private static final class Exchanges {
        final Set<String> seen = new TreeSet<>();

        JsonObject expect(String method, String uri, String path, int status, String body) {
            return expectWith(
                    server.send(method, uri, server.key(), body == null ? null : JSON, body), method, path, status);
        }

        JsonObject expectWith(HttpResponse<String> response, String method, String path, int status) {
            String at = method + " " + path + " " + status;
            assertThat(response.statusCode()).as(at + ": " + response.body()).isEqualTo(status);
            JsonObject item = DOCUMENT.getJsonObject("paths").getJsonObject(path);
            JsonObject operation = item == null ? null : item.getJsonObject(method.toLowerCase(Locale.ROOT));
            assertThat(operation).as(method + " " + path + " is documented").isNotNull();
            JsonValue documented = operation.getJsonObject("responses").get(Integer.toString(status));
            assertThat(documented).as(at + " is documented").isNotNull();
            JsonObject expected = resolve(documented).asJsonObject();
            seen.add(at);
            Set<String> headers = expected.containsKey("headers")
                    ? expected.getJsonObject("headers").keySet()
                    : Set.of();
            headers.forEach(name -> assertThat(response.headers().firstValue(name))
                    .as(at + " " + name)
                    .isPresent());
            if (status == 201 || status == 202) {
                assertThat(response.headers().firstValue("Location").isPresent())
                        .as(at + " Location")
                        .isEqualTo(headers.contains("Location"));
            }
            if (!expected.containsKey("content")) {
                assertThat(response.body()).as(at).isEmpty();
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonObject media = expected.getJsonObject("content").getJsonObject(type);
            assertThat(media).as(at + " documents " + type).isNotNull();
            JsonObject body = Json.parse(response.body());
            assertThat(Schemas.check(body, media.get("schema")))
                    .as(at + ": " + response.body())
                    .isEmpty();
            return body;
        }
    }

    // ---- routes as the services register them ----

    private static RestApi restApi() {
        var app = server.app;
        return new RestApi(
                app.authenticate(),
                new WebhookUseCases(
                        app.register(),
                        app.get(),
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
    }

    /** Every route of every service, read by handing each service an {@link HttpRules} that only records. */
    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        restApi().services().forEach((prefix, service) -> service.routing(recorder(prefix, routes)));
        return routes;
    }

    private static HttpRules recorder(String prefix, List<Route> routes) {
        Set<String> recorded = Set.of("get", "post", "put", "patch", "delete", "head", "options", "trace", "any");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "recording HttpRules for " + prefix;
                };
            }
            if (!recorded.contains(method.getName())
                    || args == null
                    || args.length != 2
                    || !(args[0] instanceof String path)) {
                throw new AssertionError("this test cannot read the routing call " + method + " under " + prefix
                        + "; teach the recorder about it");
            }
            routes.add(new Route(method.getName().toUpperCase(Locale.ROOT), path.equals("/") ? prefix : prefix + path));
            return proxy;
        };
        return (HttpRules)
                Proxy.newProxyInstance(HttpRules.class.getClassLoader(), new Class<?>[] {HttpRules.class}, handler);
    }

    private static Set<Route> routedOperations() {
        Set<Route> operations = new LinkedHashSet<>();
        routes().stream().filter(route -> !route.method().equals("ANY")).forEach(operations::add);
        return operations;
    }

    // ---- the document ----

    private interface OperationVisitor {
        void visit(String path, String method, JsonObject operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        DOCUMENT.getJsonObject("paths")
                .forEach((path, item) -> HTTP_METHODS.stream()
                        .filter(item.asJsonObject()::containsKey)
                        .forEach(method ->
                                visitor.visit(path, method, item.asJsonObject().getJsonObject(method))));
    }

    private static Set<Route> documentedOperations() {
        Set<Route> operations = new LinkedHashSet<>();
        forEachOperation((path, method, operation) -> operations.add(new Route(method.toUpperCase(Locale.ROOT), path)));
        return operations;
    }

    private static Set<String> documentedPaths() {
        return DOCUMENT.getJsonObject("paths").keySet();
    }

    private static List<String> pathParameters(String path, JsonObject operation) {
        List<JsonValue> parameters = new ArrayList<>();
        JsonObject item = DOCUMENT.getJsonObject("paths").getJsonObject(path);
        Stream.of(item, operation)
                .filter(node -> node.containsKey("parameters"))
                .forEach(node -> parameters.addAll(node.getJsonArray("parameters")));
        return parameters.stream()
                .map(OpenApiDocumentTest::resolve)
                .map(JsonValue::asJsonObject)
                .filter(parameter -> parameter.getString("in").equals("path"))
                .peek(parameter -> assertThat(parameter.getBoolean("required")).isTrue())
                .map(parameter -> parameter.getString("name"))
                .toList();
    }

    /** A well-formed example path for a templated one, so that the 405 check reaches the path's own routes. */
    private static String concrete(String path) {
        return path.replace("{webhookId}", "wh_0000000000000000")
                .replace("{agentId}", "NoSuchAgent")
                .replace("{eventId}", "evt_0000000000000000000000")
                .replace("{deliveryId}", "dlv_0000000000000000000000");
    }

    private static JsonObject schema(String name) {
        return DOCUMENT.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    private static List<String> enumOf(String schema) {
        return schema(schema).getJsonArray("enum").getValuesAs(JsonString::getString);
    }

    static JsonValue resolve(JsonValue node) {
        JsonValue current = node;
        while (current instanceof JsonObject object && object.containsKey("$ref")) {
            String ref = object.getString("$ref");
            current = pointer(ref).orElseThrow(() -> new AssertionError("unresolved " + ref));
        }
        return current;
    }

    private static Optional<JsonValue> pointer(String ref) {
        if (!ref.startsWith("#/")) {
            return Optional.empty();
        }
        JsonValue current = DOCUMENT;
        for (String token : ref.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                return Optional.empty();
            }
            current = object.get(key);
        }
        return Optional.of(current);
    }

    /** Visits every object of the document except example values, which are data rather than description. */
    private static void walk(JsonValue node, Consumer<JsonObject> visit) {
        if (node instanceof JsonObject object) {
            visit.accept(object);
            object.forEach((key, child) -> {
                if (!key.equals("example") && !key.equals("examples")) {
                    walk(child, visit);
                }
            });
        } else if (node instanceof JsonArray array) {
            array.forEach(child -> walk(child, visit));
        }
    }

    private static JsonObject with(JsonObject object, String key, JsonValue value) {
        return jakarta.json.Json.createObjectBuilder(object).add(key, value).build();
    }

    private static JsonObject without(JsonObject object, String key) {
        return jakarta.json.Json.createObjectBuilder(object).remove(key).build();
    }

    private static JsonValue value(String text) {
        return jakarta.json.Json.createValue(text);
    }

    private static byte[] resource() {
        try (InputStream in = OpenApiHttpService.class.getResourceAsStream(OpenApiHttpService.DOCUMENT)) {
            assertThat(in).as("the OpenAPI resource").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The part of JSON Schema this document uses, strictly: an object may hold only the properties its schema
     * (with its {@code allOf} parts) declares, so an undocumented field in a real answer fails.
     */
    static final class Schemas {
        private Schemas() {}

        static List<String> check(JsonValue value, JsonValue schema) {
            List<String> problems = new ArrayList<>();
            check(value, schema, "$", true, problems);
            return problems;
        }

        private static void check(JsonValue value, JsonValue raw, String at, boolean strict, List<String> problems) {
            JsonObject schema = resolve(raw).asJsonObject();
            if (schema.containsKey("allOf")) {
                schema.getJsonArray("allOf").forEach(part -> check(value, part, at, false, problems));
                if (strict && value instanceof JsonObject object) {
                    checkKeys(object, declared(schema), at, problems);
                }
            }
            for (String combinator : List.of("oneOf", "anyOf")) {
                if (schema.containsKey(combinator)) {
                    long fitting = schema.getJsonArray(combinator).stream()
                            .filter(option -> check(value, option).isEmpty())
                            .count();
                    if (combinator.equals("oneOf") ? fitting != 1 : fitting == 0) {
                        problems.add(at + ": fits " + fitting + " of the " + combinator + " options");
                    }
                }
            }
            if (schema.containsKey("const") && !schema.get("const").equals(value)) {
                problems.add(at + ": is not " + schema.get("const"));
            }
            if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
            if (schema.containsKey("type") && !typeFits(value, schema.get("type"))) {
                problems.add(at + ": " + value + " is not of type " + schema.get("type"));
                return;
            }
            switch (value) {
                case JsonString string -> checkString(string.getString(), schema, at, problems);
                case JsonNumber number -> {
                    if (schema.containsKey("minimum")
                            && number.doubleValue()
                                    < schema.getJsonNumber("minimum").doubleValue()) {
                        problems.add(at + ": " + number + " is below the minimum");
                    }
                    if (schema.containsKey("maximum")
                            && number.doubleValue()
                                    > schema.getJsonNumber("maximum").doubleValue()) {
                        problems.add(at + ": " + number + " is above the maximum");
                    }
                }
                case JsonArray array -> {
                    if (schema.containsKey("minItems") && array.size() < schema.getInt("minItems")) {
                        problems.add(at + ": has fewer than " + schema.getInt("minItems") + " items");
                    }
                    if (schema.getBoolean("uniqueItems", false) && new HashSet<>(array).size() != array.size()) {
                        problems.add(at + ": has duplicate items");
                    }
                    if (schema.containsKey("items")) {
                        for (int i = 0; i < array.size(); i++) {
                            check(array.get(i), schema.get("items"), at + "[" + i + "]", true, problems);
                        }
                    }
                }
                case JsonObject object -> {
                    if (schema.containsKey("required")) {
                        schema.getJsonArray("required").getValuesAs(JsonString::getString).stream()
                                .filter(name -> !object.containsKey(name))
                                .forEach(name -> problems.add(at + ": lacks required '" + name + "'"));
                    }
                    if (schema.containsKey("properties")) {
                        JsonObject properties = schema.getJsonObject("properties");
                        object.forEach((name, child) -> {
                            if (properties.containsKey(name)) {
                                check(child, properties.get(name), at + "." + name, true, problems);
                            }
                        });
                        if (strict) {
                            checkKeys(object, properties.keySet(), at, problems);
                        }
                    }
                }
                default -> {}
            }
        }

        private static void checkString(String text, JsonObject schema, String at, List<String> problems) {
            int length = text.codePointCount(0, text.length());
            if (schema.containsKey("minLength") && length < schema.getInt("minLength")) {
                problems.add(at + ": '" + text + "' is shorter than " + schema.getInt("minLength"));
            }
            if (schema.containsKey("maxLength") && length > schema.getInt("maxLength")) {
                problems.add(at + ": is longer than " + schema.getInt("maxLength"));
            }
            if (schema.containsKey("pattern")
                    && !Pattern.compile(schema.getString("pattern"))
                            .matcher(text)
                            .find()) {
                problems.add(at + ": '" + text + "' does not match " + schema.getString("pattern"));
            }
            String format = schema.getString("format", "");
            try {
                switch (format) {
                    case "date-time" -> OffsetDateTime.parse(text);
                    case "uri" -> {
                        if (!new URI(text).isAbsolute()) {
                            problems.add(at + ": '" + text + "' is not an absolute URI");
                        }
                    }
                    case "uri-reference" -> new URI(text);
                    default -> {}
                }
            } catch (DateTimeParseException | URISyntaxException e) {
                problems.add(at + ": '" + text + "' is not a " + format);
            }
        }

        private static boolean typeFits(JsonValue value, JsonValue type) {
            if (type instanceof JsonArray types) {
                return types.stream().anyMatch(one -> typeFits(value, one));
            }
            return switch (((JsonString) type).getString()) {
                case "object" -> value instanceof JsonObject;
                case "array" -> value instanceof JsonArray;
                case "string" -> value instanceof JsonString;
                case "number" -> value instanceof JsonNumber;
                case "integer" -> value instanceof JsonNumber number && number.isIntegral();
                case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
                case "null" -> value == JsonValue.NULL;
                default -> throw new AssertionError("unknown type " + type);
            };
        }

        private static Set<String> declared(JsonObject schema) {
            Set<String> names = new TreeSet<>();
            if (schema.containsKey("properties")) {
                names.addAll(schema.getJsonObject("properties").keySet());
            }
            if (schema.containsKey("allOf")) {
                schema.getJsonArray("allOf")
                        .forEach(part -> names.addAll(declared(resolve(part).asJsonObject())));
            }
            return names;
        }

        private static void checkKeys(JsonObject object, Set<String> declared, String at, List<String> problems) {
            object.keySet().stream()
                    .filter(name -> !declared.contains(name))
                    .forEach(name -> problems.add(at + ": has undocumented '" + name + "'"));
        }
    }
}
