package org.agenthooks.domain.shared;

import static org.agenthooks.domain.shared.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;
import org.agenthooks.domain.webhook.WebhookName;
import org.agenthooks.domain.workspace.Workspace;
import org.agenthooks.domain.workspace.WorkspaceId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule for every name people read: a workspace's, an agent's and a webhook's name accept and refuse alike. */
class DisplayNameTest {
    record Named(String what, Consumer<String> create) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Named> names() {
        return Stream.of(
                new Named("a display name", DisplayName::new),
                new Named("a webhook's name", WebhookName::new),
                new Named(
                        "an agent's name",
                        name -> new Agent(AgentId.random(), WorkspaceId.random(), name, Instant.EPOCH)),
                new Named("a workspace's name", name -> new Workspace(WorkspaceId.random(), name, Instant.EPOCH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void refuses_blank_names_however_they_are_blank(Named named) {
        for (String blank : new String[] {"", " ", "\u00a0\u00a0\u00a0", "\u2007\u202f", "\u200b", "\u3000"}) {
            assertThat(rejected("name", () -> named.create().accept(blank)))
                    .as(blank)
                    .isEqualTo("must not be blank");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void refuses_control_characters(Named named) {
        for (String control :
                new String[] {"a\u0000b", "a\u001b[31mred", "line\r\nX-Injected: 1", "tab\there", "a\u0085b"}) {
            assertThat(rejected("name", () -> named.create().accept(control)))
                    .as(control)
                    .contains("control");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void refuses_bidirectional_overrides_and_isolates(Named named) {
        for (String bidi : new String[] {"invoice\u202egpj.exe", "a\u202ab", "a\u2066b\u2069", "\u2067x"}) {
            assertThat(rejected("name", () -> named.create().accept(bidi)))
                    .as(bidi)
                    .contains("bidirectional");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void refuses_lone_surrogates(Named named) {
        assertThat(rejected("name", () -> named.create().accept("a\ud800b"))).contains("surrogate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void counts_code_points_up_to_100(Named named) {
        named.create().accept("\ud83d\ude00".repeat(100));
        named.create().accept("x".repeat(100));
        assertThat(rejected("name", () -> named.create().accept("\ud83d\ude00".repeat(101))))
                .contains("100");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void accepts_names_in_any_script_with_joined_emoji_and_inner_spaces(Named named) {
        for (String fine : new String[] {"Support agent", "Агент поддержки", "サポート", "دعم", "👩‍💻 team", "a\u00a0b"}) {
            named.create().accept(fine);
        }
    }
}
