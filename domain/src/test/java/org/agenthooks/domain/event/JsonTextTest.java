package org.agenthooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The payload's own strings are all restricted ids, so none of them can hold a quote today; the escaping is
 * tested here directly, for the day a free-text field joins the payload.
 */
class JsonTextTest {

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        JsonText.appendString(out, text);
        return out.toString();
    }

    @Test
    void plain_text_is_only_quoted() {
        assertThat(quoted("conv-42")).isEqualTo("\"conv-42\"");
        assertThat(quoted("")).isEqualTo("\"\"");
    }

    @Test
    void quotes_and_backslashes_are_escaped() {
        assertThat(quoted("say \"hi\" C:\\dir")).isEqualTo("\"say \\\"hi\\\" C:\\\\dir\"");
    }

    @Test
    void newlines_carriage_returns_and_tabs_get_their_short_escapes() {
        assertThat(quoted("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
    }

    @Test
    void other_control_characters_are_escaped_as_unicode() {
        assertThat(quoted("\u0000\u0001\u0008\u000c\u001f")).isEqualTo("\"\\u0000\\u0001\\u0008\\u000c\\u001f\"");
    }

    @Test
    void space_slash_delete_and_non_ascii_pass_unchanged() {
        assertThat(quoted(" /\u007f\u00e9\u2713\uD83D\uDE80")).isEqualTo("\" /\u007f\u00e9\u2713\uD83D\uDE80\"");
    }

    @Test
    void it_appends_to_what_is_already_there() {
        StringBuilder out = new StringBuilder("{\"k\":");

        JsonText.appendString(out, "v");

        assertThat(out).hasToString("{\"k\":\"v\"");
    }
}
