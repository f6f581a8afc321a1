package org.agenthooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * The dashboard in real headless Chromium against the real service and a real receiver: the walk a user takes
 * from signing in to deleting a webhook, each step checked both on screen and through the API; a webhook named
 * like markup; the security headers; and an axe-core scan of every screen.
 */
class DashboardBrowserTest {
    static final String DOCS_AGENT = EndToEndTest.DOCS_AGENT;
    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dataDir;

    static Application application;
    static ServiceClient api;
    static TestReceiver receiver;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        receiver = new TestReceiver();
        application = Application.start(ServiceConfig.load(EndToEndTest.testSettings(dataDir)));
        api = new ServiceClient(application.port(), EndToEndTest.API_KEY);
        base = "http://127.0.0.1:" + application.port();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (application != null) {
            application.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @AfterEach
    void nothingRanThatShouldNotHave() {
        assertThat(browser.consoleMessages())
                .as("console: CSP violations and script errors")
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Uncaught"));
        assertNoAlert();
    }

    @Test
    void a_user_signs_in_adds_a_webhook_follows_its_deliveries_pauses_and_deletes_it() {
        // Sign in: a wrong key first, then the right one.
        browser.driver.get(base + "/");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/dashboard/");
        WebElement keyInput = labelled("API key");
        browser.assertNoSeriousAccessibilityViolations("sign-in");
        browser.screenshot("01-sign-in");
        keyInput.sendKeys("key_WrongKey0001.not-the-right-secret-0000");
        button("Sign in").click();
        WebElement alert = browser.await(d -> d.findElement(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).contains("not accepted");
        assertThat(browser.storage().get("session")).isEqualTo("{}");
        keyInput.clear();
        keyInput.sendKeys(EndToEndTest.API_KEY);
        button("Sign in").click();

        // Agents: the docs' agent, by name and id.
        heading("Agents");
        assertThat(browser.storage().get("session").toString()).contains(EndToEndTest.API_KEY);
        assertThat(browser.storage().get("local")).isEqualTo("{}");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(EndToEndTest.API_KEY);
        browser.assertNoSeriousAccessibilityViolations("agents");
        browser.screenshot("02-agents");
        WebElement agentLink = browser.await(d -> d.findElements(By.cssSelector("main a")).stream()
                .filter(link -> link.getText().contains(DOCS_AGENT))
                .findFirst()
                .orElse(null));
        agentLink.click();

        // Agent Settings → Webhooks.
        browser.await(d -> d.findElement(By.tagName("h1")).getText().startsWith("Agent Settings"));
        WebElement webhooksTab = browser.byText("[role=tab]", "Webhooks");
        webhooksTab.click();
        browser.await(d -> "true".equals(d.findElement(By.id("tab-webhooks")).getDomAttribute("aria-selected")));
        button("Add webhook");
        browser.assertNoSeriousAccessibilityViolations("agent settings, webhooks tab");

        // Add webhook: every subscribable event type is offered with its description.
        button("Add webhook").click();
        heading("Add webhook");
        WebElement name = labelled("Webhook Name");
        WebElement url = labelled("URL");
        WebElement secret = labelled("Secret");
        for (JsonObject type : api.get("/v1/event-types").getJsonArray("data").getValuesAs(JsonObject.class)) {
            List<WebElement> boxes =
                    browser.driver.findElements(By.cssSelector("input[type=checkbox][name=events]")).stream()
                            .filter(box -> box.getAccessibleName().contains(type.getString("name")))
                            .toList();
            if (type.getBoolean("subscribable")) {
                assertThat(boxes).as(type.getString("name")).hasSize(1);
                assertThat(browser.driver
                                .findElement(By.id(boxes.get(0).getDomAttribute("aria-describedby")))
                                .getText())
                        .isEqualTo(type.getString("description"));
            } else {
                assertThat(boxes)
                        .as(type.getString("name") + " is not subscribable")
                        .isEmpty();
            }
        }
        assertThat(browser.driver
                        .findElement(By.id(secret.getDomAttribute("aria-describedby")))
                        .getText())
                .contains("whsec_")
                .contains("not your API key");
        browser.assertNoSeriousAccessibilityViolations("add webhook form");
        browser.screenshot("03-add-webhook");

        // A bad URL: the API's field error appears beside URL, and nothing typed is lost.
        name.sendKeys("Dashboard walk");
        url.sendKeys("your-server.com/webhooks/ai-agent"); // no scheme
        eventBox("conversation_ended").click();
        button("Submit").click();
        WebElement urlError = browser.await(d -> {
            WebElement error = d.findElement(By.id("webhook-url-error"));
            return error.isDisplayed() ? error : null;
        });
        assertThat(urlError.getText()).startsWith("URL: ").contains("absolute http");
        assertThat(url.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(url.getDomAttribute("aria-describedby")).contains("webhook-url-error");
        assertThat(browser.driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("url: ");
        assertThat(name.getDomProperty("value")).isEqualTo("Dashboard walk");
        assertThat(eventBox("conversation_ended").isSelected()).isTrue();
        assertThat(webhooksNamed("Dashboard walk")).isEmpty();
        browser.assertNoSeriousAccessibilityViolations("form with a field error");
        browser.screenshot("04-field-error");

        // Corrected and submitted: the secret is shown once.
        url.clear();
        url.sendKeys(receiver.url("/ok"));
        button("Submit").click();
        heading("Webhook Dashboard walk created");
        String shownSecret = browser.driver.findElement(By.id("new-secret")).getDomProperty("value");
        assertThat(shownSecret).startsWith("whsec_");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("will not be shown again");
        button("Copy");
        browser.assertNoSeriousAccessibilityViolations("secret shown once");
        browser.screenshot("05-secret-once");
        List<JsonObject> created = webhooksNamed("Dashboard walk");
        assertThat(created).hasSize(1);
        String webhookId = created.get(0).getString("webhookId");
        assertThat(created.get(0).getString("url")).isEqualTo(receiver.url("/ok"));
        assertThat(created.get(0).getJsonArray("events").getString(0)).isEqualTo("conversation_ended");
        assertThat(created.get(0).getString("secret"))
                .endsWith(shownSecret.substring(shownSecret.length() - 4))
                .doesNotContain(shownSecret);

        // In the table.
        link("Back to webhooks").click();
        WebElement row = row(webhookId);
        assertThat(row.getText()).contains("Dashboard walk", receiver.url("/ok"), "conversation_ended");
        WebElement active = row.findElement(By.cssSelector("input[role=switch]"));
        assertThat(active.getAccessibleName()).contains("Active");
        assertThat(active.isSelected()).isTrue();
        browser.screenshot("06-webhooks");

        // Send test event: the receiver gets it, signed with the secret shown.
        rowButton(row, "Send test event").click();
        browser.await(d -> d.findElement(By.cssSelector(".messages [role=status]"))
                .getText()
                .contains("Test event sent"));
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/ok")).isNotEmpty());
        TestReceiver.Received received = receiver.received("/ok").get(0);
        assertThat(StandardWebhooksVerifier.verifies(shownSecret, received.headers(), received.body()))
                .isTrue();

        // Deliveries: it turns succeeded, and the chart counts it.
        rowLink(row(webhookId), "Deliveries").click();
        heading("Deliveries of Dashboard walk");
        WebElement firstStatus = browser.await(d -> {
            List<WebElement> statuses = d.findElements(By.cssSelector(".delivery-list tbody .status"));
            return !statuses.isEmpty() && statuses.get(0).getText().equals("succeeded") ? statuses.get(0) : null;
        });
        assertThat(firstStatus.getText()).isEqualTo("succeeded");
        WebElement chart = browser.await(d -> d.findElement(By.cssSelector("[role=img]")));
        browser.await(d -> chart.getDomAttribute("aria-label").contains("1 succeeded"));
        assertThat(chart.getDomAttribute("aria-label")).contains("deliveries", "0 failed", "0 pending");
        browser.assertNoSeriousAccessibilityViolations("deliveries");
        browser.screenshot("07-deliveries");

        // One delivery: its attempt, its payload; then Redeliver.
        WebElement deliveryLink = browser.driver.findElement(By.cssSelector(".delivery-list tbody a"));
        String deliveryId = deliveryLink.getText();
        deliveryLink.click();
        heading("Delivery " + deliveryId);
        WebElement attempts =
                browser.await(d -> d.findElement(By.cssSelector("section[aria-labelledby=attempts-title] tbody")));
        assertThat(attempts.getText()).contains("HTTP 200", "thanks");
        assertThat(browser.driver
                        .findElement(By.cssSelector("section[aria-labelledby=payload-title] pre"))
                        .getText())
                .contains("\"type\": \"webhook.test\"");
        browser.assertNoSeriousAccessibilityViolations("delivery");
        browser.screenshot("08-delivery");
        button("Redeliver").click();
        browser.await(d -> d.findElements(By.cssSelector("section[aria-labelledby=attempts-title] tbody tr"))
                                .size()
                        == 2
                && d.findElement(By.cssSelector(".delivery-state .status"))
                        .getText()
                        .equals("succeeded"));
        assertThat(api.get("/v1/deliveries/" + deliveryId).getInt("attempts")).isEqualTo(2);
        assertThat(receiver.received("/ok")).hasSize(2);

        // Rotate secret, after confirming: the new secret shown once, and both sign until the overlap ends.
        link("Webhooks").click();
        rowButton(row(webhookId), "Rotate secret").click();
        WebElement rotateDialog = browser.await(d -> d.findElement(By.cssSelector("dialog[open]")));
        assertThat(rotateDialog.getText()).contains("Dashboard walk", "24 hours");
        browser.assertNoSeriousAccessibilityViolations("rotate confirmation");
        rotateDialog.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals("Rotate"))
                .findFirst()
                .orElseThrow()
                .click();
        String rotatedSecret =
                browser.await(d -> d.findElement(By.id("rotated-secret"))).getDomProperty("value");
        assertThat(rotatedSecret).startsWith("whsec_").isNotEqualTo(shownSecret);
        assertThat(browser.driver.findElement(By.cssSelector(".messages")).getText())
                .contains("will not be shown again", "keeps signing too until");
        assertThat(api.get("/v1/webhooks/" + webhookId).getString("previousSecretExpiresAt"))
                .isNotBlank();
        browser.assertNoSeriousAccessibilityViolations("secret rotated");
        browser.screenshot("08b-secret-rotated");
        rowButton(row(webhookId), "Send test event").click();
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/ok")).hasSize(3));
        TestReceiver.Received overlapping = receiver.received("/ok").get(2);
        assertThat(StandardWebhooksVerifier.verifies(rotatedSecret, overlapping.headers(), overlapping.body()))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verifies(shownSecret, overlapping.headers(), overlapping.body()))
                .isTrue();

        // Pause it with the switch.
        WebElement toPause = row(webhookId).findElement(By.cssSelector("input[role=switch]"));
        toPause.click();
        browser.await(d -> d.findElement(By.cssSelector(".messages [role=status]"))
                .getText()
                .contains("paused"));
        assertThat(toPause.isSelected()).isFalse();
        assertThat(api.get("/v1/webhooks/" + webhookId).getBoolean("active")).isFalse();

        // Delete it, after confirming.
        rowButton(row(webhookId), "Delete").click();
        WebElement dialog = browser.await(d -> d.findElement(By.cssSelector("dialog[open]")));
        assertThat(dialog.getAriaRole()).isEqualTo("dialog");
        assertThat(dialog.getText()).contains("Dashboard walk");
        browser.assertNoSeriousAccessibilityViolations("delete confirmation");
        browser.screenshot("09-delete-dialog");
        dialog.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals("Delete"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.await(d -> d.findElements(By.cssSelector("tr[data-webhook-id='" + webhookId + "']"))
                .isEmpty());
        assertThat(api.send("GET", "/v1/webhooks/" + webhookId, null).statusCode())
                .isEqualTo(404);

        // Sign out forgets the key.
        button("Sign out").click();
        labelled("API key");
        assertThat(browser.storage().get("session")).isEqualTo("{}");
    }

    @Test
    void a_webhook_named_like_markup_is_shown_as_those_characters_and_runs_nothing() {
        JsonObject webhook =
                api.json("POST", "/v1/webhooks", """
                {"name":"%s","url":"%s","agentId":"%s","events":["conversation_started"]}""".formatted(XSS, receiver.url("/xss"), DOCS_AGENT), 201);
        signIn();
        browser.driver.get(base + "/dashboard/#/agents/" + DOCS_AGENT + "/webhooks");
        WebElement row = row(webhook.getString("webhookId"));
        assertThat(row.findElement(By.cssSelector("th a")).getText()).isEqualTo(XSS);
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();

        rowLink(row, XSS).click();
        heading("Webhook " + XSS);
        rowButton(browser.driver.findElement(By.tagName("main")), "Edit").click();
        assertThat(labelled("Webhook Name").getDomProperty("value")).isEqualTo(XSS);
        assertThat(browser.driver.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(browser.script("return window.document.querySelectorAll('[onerror]').length"))
                .isEqualTo(0L);
        browser.screenshot("10-markup-as-text");
        api.send("DELETE", "/v1/webhooks/" + webhook.getString("webhookId"), null);
    }

    @Test
    void a_webhook_the_service_turned_off_shows_why() {
        JsonObject webhook = api.json("POST", "/v1/webhooks", """
                {"name":"Gone receiver","url":"%s","agentId":"%s","events":["conversation_started"]}""".formatted(receiver.url("/gone"), DOCS_AGENT), 201);
        String path = "/v1/webhooks/" + webhook.getString("webhookId");
        api.json("POST", path + "/test", null, 202);
        Eventually.within(
                Duration.ofSeconds(20),
                () -> assertThat(api.get(path).getBoolean("active")).isFalse());

        signIn();
        browser.driver.get(base + "/dashboard/#/agents/" + DOCS_AGENT + "/webhooks");
        WebElement row = row(webhook.getString("webhookId"));
        assertThat(row.findElement(By.cssSelector(".disabled-reason")).getText())
                .isEqualTo("Turned off by the service: " + api.get(path).getString("disabledReason") + ".");
        api.send("DELETE", path, null);
        browser.script("sessionStorage.clear()"); // signed out again, for the walk that starts at sign-in
    }

    @Test
    void the_chart_counts_a_webhooks_deliveries_of_the_last_24_hours_by_status() {
        String webhookId = api.json("POST", "/v1/webhooks", """
                {"name":"Busy webhook","url":"%s","agentId":"%s","events":["conversation_ended"]}""".formatted(receiver.url("/ok"), DOCS_AGENT), 201)
                .getString("webhookId");
        String path = "/v1/webhooks/" + webhookId;
        for (int i = 0; i < 3; i++) {
            api.json("POST", path + "/test", null, 202);
        }
        api.json("PATCH", path, "{\"url\":\"%s\"}".formatted(receiver.url("/down")), 200);
        api.json("POST", path + "/test", null, 202);
        api.json("POST", path + "/test", null, 202);
        awaitTotals(path, 0, 3, 2); // three answered 200; two answered 500 on every attempt of the schedule
        api.json("PATCH", path, "{\"active\":false}", 200);
        String waiting = api.json("POST", path + "/test", null, 202).getString("deliveryId");
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(api.get("/v1/deliveries/" + waiting).getInt("attempts"))
                        .isEqualTo(1)); // failed once; its retry waits for the paused webhook

        signIn();
        browser.driver.get(base + "/dashboard/#/webhooks/" + webhookId + "/deliveries");
        WebElement chart = browser.await(d -> d.findElement(By.cssSelector("figure[role=img]")));
        assertThat(chart.getDomAttribute("aria-label")).contains("deliveries", "3 succeeded", "2 failed", "1 pending");
        assertThat(browser.driver.findElement(By.cssSelector(".legend")).getText())
                .contains("succeeded: 3", "failed: 2", "pending: 1");
        List<String> statuses = browser.driver.findElements(By.cssSelector(".delivery-list tbody .status")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(statuses).containsExactly("pending", "failed", "failed", "succeeded", "succeeded", "succeeded");
        browser.assertNoSeriousAccessibilityViolations("deliveries with every status");
        browser.screenshot("12-deliveries-chart");
        api.send("DELETE", path, null);
    }

    @Test
    void the_tabs_the_form_and_the_dialog_work_from_the_keyboard() {
        signIn();
        browser.driver.get(base + "/dashboard/#/agents/" + DOCS_AGENT);
        WebElement general = browser.byText("[role=tab]", "General");
        general.sendKeys(Keys.ARROW_RIGHT);
        browser.await(d -> "true".equals(d.findElement(By.id("tab-webhooks")).getDomAttribute("aria-selected"))
                && d.switchTo().activeElement().getText().equals("Webhooks"));

        button("Add webhook").sendKeys(Keys.ENTER);
        heading("Add webhook");
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id"))
                .isEqualTo("webhook-name");
        browser.driver.switchTo().activeElement().sendKeys("Keyboard", Keys.TAB, receiver.url("/ok"));
        eventBox("conversation_started").sendKeys(Keys.SPACE);
        button("Submit").sendKeys(Keys.ENTER);
        heading("Webhook Keyboard created");
        String webhookId = webhooksNamed("Keyboard").get(0).getString("webhookId");

        link("Back to webhooks").sendKeys(Keys.ENTER);
        WebElement delete = rowButton(row(webhookId), "Delete");
        delete.sendKeys(Keys.ENTER);
        WebElement dialog = browser.await(d -> d.findElement(By.cssSelector("dialog[open]")));
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Cancel");
        dialog.sendKeys(Keys.ESCAPE);
        browser.await(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(delete);
        assertThat(api.send("GET", "/v1/webhooks/" + webhookId, null).statusCode())
                .isEqualTo(200);
        api.send("DELETE", "/v1/webhooks/" + webhookId, null);
    }

    @Test
    void the_first_screen_is_usable_within_a_second() {
        browser.driver.get(base + "/dashboard/#/sign-in"); // the first load also warms the server up
        browser.driver.navigate().refresh();
        labelled("API key");
        Number loaded = (Number) browser.script(
                "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;");
        assertThat(loaded.doubleValue())
                .as("milliseconds until the sign-in screen is shown")
                .isLessThan(1000);
    }

    @Test
    void a_key_revoked_or_wrong_in_the_session_shows_a_message_not_a_blank_page() {
        signIn();
        browser.script(
                "sessionStorage.setItem('agent-webhooks.api-key', 'key_RevokedKey1.this-key-is-no-longer-valid')");
        browser.driver.get(base + "/dashboard/#/agents/" + DOCS_AGENT + "/webhooks");
        WebElement alert = browser.await(d -> d.findElement(By.cssSelector("main [role=alert]")));
        assertThat(alert.getText()).contains("not accepted");
        assertThat(alert.findElement(By.tagName("a")).getText()).isEqualTo("Sign in again");
    }

    @Test
    void a_network_failure_shows_a_message_and_a_way_to_try_again() {
        signIn();
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.driver.setNetworkConditions(offline);
        try {
            browser.script("location.hash = '#/agents/" + DOCS_AGENT + "/webhooks'");
            WebElement alert = browser.await(d -> d.findElement(By.cssSelector("main [role=alert]")));
            assertThat(alert.getText()).contains("cannot be reached");
        } finally {
            browser.driver.deleteNetworkConditions();
        }
        button("Try again").click();
        browser.await(d -> d.findElement(By.tagName("h1")).getText().startsWith("Agent Settings"));
    }

    @Test
    void the_api_reference_shows_the_openapi_document() {
        signIn();
        browser.driver.get(base + "/docs/");
        browser.await(d -> d.findElements(By.cssSelector(".swagger-ui .title")).stream()
                .anyMatch(title -> title.getText().contains("Agent webhooks API")));
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("/v1/webhooks/{webhookId}/stats");
        browser.assertNoSeriousAccessibilityViolations("API reference");
        browser.screenshot("11-api-reference");
    }

    @Test
    void every_dashboard_answer_carries_the_security_headers_and_an_etag() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of(
                "/",
                "/dashboard/",
                "/dashboard/app.js",
                "/dashboard/app.css",
                "/dashboard/vendor/uPlot.esm.js",
                "/docs/",
                "/docs/docs.js",
                "/dashboard/no-such-file.js")) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = response.headers().map();
            String policy =
                    response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy)
                    .as(path)
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            if (response.statusCode() == 200) {
                String etag = response.headers().firstValue("ETag").orElseThrow();
                HttpResponse<byte[]> again = client.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(again.statusCode()).as(path + " " + headers).isEqualTo(304);
            }
        }
    }

    @Test
    void the_webhook_page_replays_a_window_and_checks_a_receivers_signature() {
        JsonObject webhook =
                api.json("POST", "/v1/webhooks", """
                {"name":"Recovery","url":"%s","agentId":"%s","events":["conversation_started"]}""".formatted(receiver.url("/recovery"), DOCS_AGENT), 201);
        String webhookId = webhook.getString("webhookId");
        String eventId =
                api.json("POST", "/v1/events", """
                {"type":"conversation_started","agentId":"%s","data":{"text":"grüße"}}""".formatted(DOCS_AGENT), 202).getString("eventId");
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/recovery")).hasSize(1));
        TestReceiver.Received received = receiver.received("/recovery").get(0);
        signIn();
        browser.driver.get(base + "/dashboard/#/webhooks/" + webhookId);
        heading("Webhook Recovery");

        // Replay: every event of the last 24 hours, not only the failed ones; the receiver gets it again.
        WebElement onlyFailed = labelled("Only events whose delivery failed");
        assertThat(onlyFailed.isSelected()).isTrue();
        onlyFailed.click();
        button("Replay").click();
        WebElement replayed = browser.await(d -> d.findElements(By.cssSelector("[role=status]")).stream()
                .filter(status -> status.getText().startsWith("Replayed"))
                .findFirst()
                .orElse(null));
        assertThat(replayed.getText()).contains("Replayed 1 event");
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(receiver.received("/recovery")).hasSize(2));
        assertThat(receiver.received("/recovery").get(1).headers().get("webhook-id"))
                .isEqualTo(eventId);

        // Check my signature: what the receiver got is valid; the same body re-serialised is not, and says why.
        labelled("webhook-id").sendKeys(received.headers().get("webhook-id"));
        labelled("webhook-timestamp").sendKeys(received.headers().get("webhook-timestamp"));
        labelled("webhook-signature").sendKeys(received.headers().get("webhook-signature"));
        WebElement body = labelled("Body");
        body.sendKeys(new String(received.body(), java.nio.charset.StandardCharsets.UTF_8));
        button("Check signature").click();
        browser.await(d -> d.findElement(By.tagName("main")).getText().contains("Valid (valid)"));
        body.sendKeys(" ");
        button("Check signature").click();
        browser.await(d -> d.findElement(By.tagName("main")).getText().contains("Not valid (body_modified)"));
        assertThat(browser.driver.findElement(By.tagName("main")).getText())
                .contains("raw request body")
                .doesNotContain(webhook.getString("secret"));
        browser.assertNoSeriousAccessibilityViolations("webhook page, replay and signature check");
        browser.screenshot("10-recovery");
        api.send("DELETE", "/v1/webhooks/" + webhookId, null);
    }

    // ---- helpers ----

    private static void signIn() {
        browser.driver.get(base + "/dashboard/#/sign-in");
        browser.script("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        labelled("API key").sendKeys(EndToEndTest.API_KEY, Keys.ENTER);
        heading("Agents");
    }

    private static WebElement labelled(String label) {
        WebElement element = browser.await(d -> d.findElements(By.tagName("label")).stream()
                .filter(candidate -> candidate.getText().trim().equals(label))
                .findFirst()
                .orElse(null));
        return browser.driver.findElement(By.id(element.getDomAttribute("for")));
    }

    private static WebElement heading(String text) {
        return browser.await(d -> {
            WebElement h1 = d.findElement(By.tagName("h1"));
            return h1.getText().equals(text) ? h1 : null;
        });
    }

    private static WebElement button(String text) {
        return browser.byText("button", text);
    }

    private static WebElement link(String text) {
        return browser.byText("a", text);
    }

    private static WebElement eventBox(String type) {
        return browser.driver.findElement(By.id("event-" + type));
    }

    private static WebElement row(String webhookId) {
        return browser.await(d -> d.findElement(By.cssSelector("tr[data-webhook-id='" + webhookId + "']")));
    }

    /** A button in a row, by the visible start of its name (the rest names the webhook for screen readers). */
    private static WebElement rowButton(WebElement row, String text) {
        return row.findElements(By.cssSelector("button, a.button")).stream()
                .filter(button -> button.getText().startsWith(text))
                .findFirst()
                .orElseThrow();
    }

    private static WebElement rowLink(WebElement row, String text) {
        return row.findElements(By.tagName("a")).stream()
                .filter(link -> link.getText().startsWith(text))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitTotals(String webhookPath, int pending, int succeeded, int failed) {
        Eventually.within(
                EndToEndTest.PATIENCE,
                () -> assertThat(api.get(webhookPath + "/stats").getJsonObject("totals"))
                        .isEqualTo(ServiceClient.parse("{\"pending\":%d,\"succeeded\":%d,\"failed\":%d}"
                                .formatted(pending, succeeded, failed))));
    }

    private static List<JsonObject> webhooksNamed(String name) {
        return api
                .get("/v1/webhooks?limit=100&agentId=" + DOCS_AGENT)
                .getJsonArray("data")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(webhook -> webhook.getString("name").equals(name))
                .toList();
    }

    private static void assertNoAlert() {
        try {
            String text = browser.driver.switchTo().alert().getText();
            throw new AssertionError("a JavaScript alert opened: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
