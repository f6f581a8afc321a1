package org.agenthooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.agenthooks.domain.shared.FieldError;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkDestinationPolicyTest {
    private final NetworkDestinationPolicy production = new NetworkDestinationPolicy(false);
    private final NetworkDestinationPolicy demo = new NetworkDestinationPolicy(true);

    private static WebhookUrl url(String host) {
        return new WebhookUrl("https://" + host + "/hooks");
    }

    private FieldError refusal(String host) {
        InvalidInputException refused =
                catchThrowableOfType(InvalidInputException.class, () -> production.check(url(host)));
        assertThat(refused).as("refused " + host).isNotNull();
        return refused.errors().getFirst();
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1              | loopback
            127.1.2.3              | loopback
            [::1]                  | loopback
            0.0.0.0                | wildcard (any-local)
            0.1.2.3                | wildcard (any-local)
            [::]                   | wildcard (any-local)
            10.0.0.1               | private
            10.255.255.255         | private
            172.16.0.1             | private
            172.31.255.255         | private
            192.168.1.10           | private
            169.254.169.254        | link-local (cloud metadata)
            169.254.0.1            | link-local (cloud metadata)
            [fd00:ec2::254]        | link-local (cloud metadata)
            [fe80::1]              | link-local
            [febf::1]              | link-local
            100.64.0.1             | carrier-grade NAT (100.64.0.0/10)
            100.127.255.255        | carrier-grade NAT (100.64.0.0/10)
            [fc00::1]              | unique-local (fc00::/7)
            [fd12:3456:789a::1]    | unique-local (fc00::/7)
            224.0.0.1              | multicast
            239.255.255.250        | multicast
            [ff02::1]              | multicast
            [::ffff:127.0.0.1]     | loopback
            [::ffff:10.1.2.3]      | private
            [::ffff:169.254.169.254] | link-local (cloud metadata)
            """)
    void internal_addresses_are_refused_naming_their_kind(String host, String kind) {
        FieldError error = refusal(host);

        assertThat(error.field()).isEqualTo("url");
        assertThat(error.message()).contains("is a " + kind + " address");
    }

    @Test
    void localhost_is_refused_with_the_address_it_resolves_to() {
        assertThat(refusal("localhost").message()).startsWith("localhost (").contains("is a loopback address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.255.0.1",
                "[2606:4700:4700::1111]",
                "[fbff::1]"
            })
    void public_addresses_are_allowed(String host) {
        assertThatCode(() -> production.check(url(host))).doesNotThrowAnyException();
    }

    @Test
    void an_unresolvable_host_is_refused_with_a_clear_message() {
        assertThat(refusal("no-such-host.invalid").message())
                .isEqualTo("host no-such-host.invalid could not be resolved");
    }

    /** Issue 19, item 9: the production setting refuses every one of these at save, naming {@code url}. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "localhost",
                "[::1]",
                "0.0.0.0",
                "169.254.169.254",
                "10.0.0.1",
                "172.16.0.1",
                "192.168.1.1",
                "100.64.0.1",
                "[fe80::1]",
                "[fc00::1]",
                "[::ffff:127.0.0.1]",
                "2130706433",
                "0x7f000001",
                "0177.0.0.1",
                "127.1"
            })
    void the_ssrf_battery_is_refused_at_save_naming_url(String host) {
        assertThat(refusal(host).field()).isEqualTo("url");
    }

    // 127.1 and 0x7f.1 do not even parse as a URL's host (WebhookUrl refuses them); these do.
    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "017700000001", "10.0.0.010"})
    void ipv4_in_an_ambiguous_notation_is_refused_in_every_profile(String host) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> demo.check(url(host)));

        assertThat(refused).as("refused " + host).isNotNull();
        assertThat(refused.errors().getFirst().field()).isEqualTo("url");
        assertThat(refused.errors().getFirst().message()).contains("ambiguous notation");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "169.254.0.1",
                "169.254.255.255",
                "[fd00:ec2::254]",
                "[::ffff:169.254.169.254]"
            })
    void the_cloud_metadata_service_is_refused_in_the_demo_profile_too(String host) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> demo.check(url(host)));

        assertThat(refused).as("refused " + host).isNotNull();
        assertThat(refused.errors().getFirst().field()).isEqualTo("url");
        assertThat(refused.errors().getFirst().message()).contains("cloud metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.0.0.1", "192.168.1.1", "[::1]", "no-such-host.invalid"})
    void with_private_networks_allowed_loopback_and_private_networks_pass(String host) {
        assertThatCode(() -> demo.check(url(host))).doesNotThrowAnyException();
    }
}
