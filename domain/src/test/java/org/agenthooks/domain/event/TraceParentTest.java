package org.agenthooks.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
    private static final String EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void the_recommendations_example_is_read_into_its_parts_and_written_back_unchanged() {
        TraceParent parent = TraceParent.parse(EXAMPLE).orElseThrow();

        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.flags()).isEqualTo("01");
        assertThat(parent.sampled()).isTrue();
        assertThat(parent).hasToString(EXAMPLE);
    }

    @Test
    void surrounding_spaces_are_ignored() {
        assertThat(TraceParent.parse("  " + EXAMPLE + " ")).isPresent();
    }

    @Test
    void a_later_version_is_read_by_its_version_00_prefix() {
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next"))
                .map(TraceParent::toString)
                .hasValue(EXAMPLE);
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", // version 00 has nothing after flags
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // a later version's next field needs a dash
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id one digit short
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
                "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
                "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
                "not a trace parent"
            })
    void anything_malformed_is_no_trace_parent_rather_than_an_error(String header) {
        assertThat(TraceParent.parse(header)).isEmpty();
    }

    @Test
    void the_constructor_guards_the_same_rules() {
        assertThatThrownBy(() -> new TraceParent("0".repeat(32), "00f067aa0ba902b7", "01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "0".repeat(16), "01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_new_parent_keeps_the_trace_and_its_flags_and_changes_the_parent_id() {
        TraceParent parent = TraceParent.parse(EXAMPLE).orElseThrow();

        TraceParent next = parent.withNewParent(new Random(7));

        assertThat(next.traceId()).isEqualTo(parent.traceId());
        assertThat(next.flags()).isEqualTo(parent.flags());
        assertThat(next.parentId()).isNotEqualTo(parent.parentId()).hasSize(16);
    }

    @Test
    void a_new_trace_is_sampled_and_reads_back_as_itself() {
        TraceParent fresh = TraceParent.newTrace(new Random(1));

        assertThat(fresh.sampled()).isTrue();
        assertThat(TraceParent.parse(fresh.toString())).hasValue(fresh);
        assertThat(TraceParent.newTrace(new Random(2)).traceId()).isNotEqualTo(fresh.traceId());
    }

    @Test
    void an_unsampled_parent_says_so() {
        assertThat(TraceParent.parse(EXAMPLE.replace("-01", "-00"))
                        .orElseThrow()
                        .sampled())
                .isFalse();
    }
}
