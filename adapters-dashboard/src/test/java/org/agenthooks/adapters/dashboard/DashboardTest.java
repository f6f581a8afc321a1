package org.agenthooks.adapters.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files over real HTTP: where they are, how they are cached, and the headers on every answer. */
class DashboardTest {
    private static final WebServer server = WebServer.builder()
            .port(0)
            .routing(routing -> new Dashboard().routing(routing))
            .build()
            .start();
    private static final HttpClient client = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    @Test
    void the_root_and_the_folder_without_its_slash_lead_to_the_dashboard() {
        assertThat(get("/").headers().firstValue("Location")).hasValue("/dashboard/");
        assertThat(get("/").statusCode()).isEqualTo(302);
        assertThat(get("/dashboard").statusCode()).isEqualTo(301);
        assertThat(get("/dashboard").headers().firstValue("Location")).hasValue("/dashboard/");
    }

    @Test
    void the_page_its_modules_and_the_libraries_are_served_with_their_types() {
        HttpResponse<String> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\">");

        assertThat(get("/dashboard/app.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=UTF-8");
        assertThat(get("/dashboard/app.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=UTF-8");
        assertThat(get("/dashboard/vendor/uPlot.esm.js").body()).contains("export { uPlot as default }");
        assertThat(get("/docs/").body()).contains("/docs/vendor/swagger-ui-bundle.js");
        assertThat(get("/docs/vendor/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void a_file_is_cached_until_it_changes() {
        HttpResponse<String> first = get("/dashboard/api.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> again = get("/dashboard/api.js", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/dashboard/api.js", "If-None-Match", "\"something-else\"")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/dashboard/app.js").headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
    }

    @Test
    void nothing_outside_the_folders_and_the_chosen_library_files_is_served() {
        for (String path : List.of(
                "/dashboard/missing.js",
                "/dashboard/Dashboard.class",
                "/dashboard/index.html",
                "/dashboard/vendor/uPlot.cjs.js",
                "/docs/vendor/index.html")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
        }
        for (String path : List.of(
                "/dashboard/..%2Fdocs%2Findex.html",
                "/dashboard/%2E%2E/Dashboard.class",
                "/dashboard/vendor/..%2F..%2Fpom.xml",
                "/dashboard/..%2F..%2F..%2Fmodule-info.class")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404); // no route takes a name with a slash
        }
    }

    @Test
    void every_answer_forbids_inline_script_and_style_eval_and_framing() {
        for (String path : List.of("/", "/dashboard/", "/dashboard/app.js", "/docs/", "/dashboard/x.js")) {
            HttpResponse<String> response = get(path);
            String policy =
                    response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy)
                    .as(path)
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }
}
