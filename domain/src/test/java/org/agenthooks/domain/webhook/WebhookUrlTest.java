package org.agenthooks.domain.webhook;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/hooks",
                "http://example.com",
                "HTTPS://EXAMPLE.COM/x",
                "https://example.com:8443/a/b?c=d&e=f",
                "http://127.0.0.1:8080/hook",
                "https://[::1]:8443/hook",
                "https://hooks.example.co.uk/agent/%20events"
            })
    void absolute_http_and_https_urls_are_accepted(String value) {
        assertThat(new WebhookUrl(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/hooks",
                "file:///etc/passwd",
                "mailto:ops@example.com",
                "javascript:alert(1)",
                "ws://example.com/socket",
                "httpx://example.com"
            })
    void other_schemes_are_rejected(String value) {
        assertThat(rejected("url", () -> new WebhookUrl(value)))
                .contains("http://")
                .contains("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hooks", "hooks/agent", "example.com/hooks", "//example.com/hooks"})
    void relative_urls_are_rejected(String value) {
        rejected("url", () -> new WebhookUrl(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void a_blank_url_is_rejected(String value) {
        assertThat(rejected("url", () -> new WebhookUrl(value))).isEqualTo("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:pass@example.com/hooks",
                "https://user@example.com/hooks",
                "http://:secret@example.com/"
            })
    void credentials_in_the_url_are_rejected(String value) {
        assertThat(rejected("url", () -> new WebhookUrl(value))).contains("credentials");
    }

    @Test
    void a_url_of_2048_characters_is_accepted_but_2049_are_not() {
        String base = "https://example.com/";
        String longest = base + "a".repeat(2048 - base.length());

        assertThat(new WebhookUrl(longest).value()).hasSize(2048);
        assertThat(rejected("url", () -> new WebhookUrl(longest + "a"))).contains("2048");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks#section", "https://example.com/#"})
    void a_fragment_is_rejected(String value) {
        assertThat(rejected("url", () -> new WebhookUrl(value))).contains("fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///hooks", "http:/hooks", "https:example.com"})
    void a_url_without_a_host_is_rejected(String value) {
        rejected("url", () -> new WebhookUrl(value));
    }

    @Test
    void a_url_that_does_not_parse_is_rejected_with_the_reason() {
        assertThat(rejected("url", () -> new WebhookUrl("https://exa mple.com/")))
                .startsWith("is not a valid URL");
        rejected("url", () -> new WebhookUrl("http://"));
    }

    @Test
    void the_host_is_given_without_ipv6_brackets() {
        assertThat(new WebhookUrl("https://[::1]:8443/hook").host()).isEqualTo("::1");
        assertThat(new WebhookUrl("https://hooks.example.com:8443/hook").host()).isEqualTo("hooks.example.com");
    }

    @Test
    void it_converts_to_the_same_uri() {
        assertThat(new WebhookUrl("https://example.com/a?b=c").toUri())
                .isEqualTo(URI.create("https://example.com/a?b=c"));
    }

    @Test
    void the_origin_is_scheme_host_and_port_with_the_default_port_filled_in_and_case_folded() {
        assertThat(new WebhookUrl("https://Hooks.Example.com/a").origin()).isEqualTo("https://hooks.example.com:443");
        assertThat(new WebhookUrl("HTTP://example.com/a").origin()).isEqualTo("http://example.com:80");
        assertThat(new WebhookUrl("http://127.0.0.1:8080/a?b").origin()).isEqualTo("http://127.0.0.1:8080");
        assertThat(new WebhookUrl("https://[::1]:8443/hook").origin()).isEqualTo("https://[::1]:8443");
    }

    @Test
    void urls_are_equal_when_their_text_is() {
        assertThat(new WebhookUrl("https://example.com/a"))
                .isEqualTo(new WebhookUrl("https://example.com/a"))
                .hasSameHashCodeAs(new WebhookUrl("https://example.com/a"))
                .isNotEqualTo(new WebhookUrl("https://example.com:443/a"))
                .hasToString("https://example.com/a");
    }
}
