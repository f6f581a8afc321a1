package org.agenthooks.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** API requests are counted by method, route template and status; nothing outside /v1 is. */
class ApiRequestMetricsTest {
    private final ObservabilityServer server = new ObservabilityServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private PrometheusText scrape() {
        return new PrometheusText(server.get("/observe/metrics").body());
    }

    /** The count of one method, route and status: every label of the series must match. */
    private static double requests(PrometheusText text, String method, String route, int status) {
        String series = "webhooks_api_requests_total{method=\"" + method + "\",route=\"" + route
                + "\",scope=\"application\",status=\"" + status + "\",}";
        return text.text()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .sum();
    }

    @Test
    void requests_are_counted_under_their_route_template_not_their_ids() {
        PrometheusText before = scrape();

        server.get("/v1/things/th_1");
        server.get("/v1/things/th_2");
        server.post("/v1/things");
        PrometheusText after = scrape();

        assertThat(requests(after, "GET", "/v1/things/{thingId}", 200)
                        - requests(before, "GET", "/v1/things/{thingId}", 200))
                .isEqualTo(2);
        assertThat(requests(after, "POST", "/v1/things", 201) - requests(before, "POST", "/v1/things", 201))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("th_1");
    }

    @Test
    void requests_to_a_service_registered_under_a_prefix_are_counted_under_the_whole_template() {
        PrometheusText before = scrape();

        server.get("/v1/widgets");
        server.get("/v1/widgets/wd_1");
        PrometheusText after = scrape();

        assertThat(requests(after, "GET", "/v1/widgets", 200) - requests(before, "GET", "/v1/widgets", 200))
                .as(after.text()
                        .lines()
                        .filter(line -> line.contains("widgets"))
                        .toList()
                        .toString())
                .isEqualTo(1);
        assertThat(requests(after, "GET", "/v1/widgets/{widgetId}", 204)
                        - requests(before, "GET", "/v1/widgets/{widgetId}", 204))
                .isEqualTo(1);
    }

    @Test
    void a_request_no_route_matched_is_counted_as_unmatched_with_its_status() {
        PrometheusText before = scrape();

        server.get("/v1/no-such-thing/at-all");
        PrometheusText after = scrape();

        assertThat(requests(after, "GET", "unmatched", 404) - requests(before, "GET", "unmatched", 404))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain("no-such-thing");
    }

    @Test
    void requests_outside_the_api_are_not_counted() {
        PrometheusText before = scrape();

        server.get("/index.html");
        server.get("/observe/health/live");
        PrometheusText after = scrape();

        assertThat(after.total("webhooks_api_requests_total")).isEqualTo(before.total("webhooks_api_requests_total"));
    }
}
