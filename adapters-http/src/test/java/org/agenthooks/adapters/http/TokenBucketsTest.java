package org.agenthooks.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(new RateLimits.Rate(2, 5), 1000, now::get);
    private final ApiKeyId key = ApiKeyId.random();

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void a_key_may_make_a_burst_of_requests_at_once_and_then_no_more() {
        for (int i = 4; i >= 0; i--) {
            TokenBuckets.Decision decision = buckets.take(key);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(i);
            assertThat(decision.limit()).isEqualTo(5);
        }

        TokenBuckets.Decision refused = buckets.take(key);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).as("one token at 2 a second").isEqualTo(1);
        assertThat(refused.resetSeconds())
                .as("five tokens at 2 a second: 2.5 s, rounded up")
                .isEqualTo(3);
    }

    @Test
    void the_bucket_refills_at_the_rate_and_no_further_than_the_burst() {
        for (int i = 0; i < 5; i++) {
            buckets.take(key);
        }
        advance(Duration.ofMillis(500));
        assertThat(buckets.take(key).allowed())
                .as("one token after half a second")
                .isTrue();
        assertThat(buckets.take(key).allowed()).isFalse();

        advance(Duration.ofHours(1));
        TokenBuckets.Decision rested = buckets.take(key);

        assertThat(rested.allowed()).isTrue();
        assertThat(rested.remaining()).as("full again, not an hour's worth").isEqualTo(4);
        assertThat(rested.resetSeconds()).isEqualTo(1);
    }

    @Test
    void an_allowed_request_has_no_retry_after_and_resets_when_its_token_is_back() {
        TokenBuckets.Decision first = buckets.take(key);
        assertThat(first.retryAfterSeconds()).isZero();
        advance(Duration.ofSeconds(1));

        assertThat(buckets.take(key).resetSeconds()).isEqualTo(1);
    }

    @Test
    void each_key_has_its_own_bucket() {
        for (int i = 0; i < 5; i++) {
            buckets.take(key);
        }
        assertThat(buckets.take(key).allowed()).isFalse();

        TokenBuckets.Decision other = buckets.take(ApiKeyId.random());

        assertThat(other.allowed()).isTrue();
        assertThat(other.remaining()).isEqualTo(4);
    }

    @Test
    void buckets_that_filled_up_again_are_dropped_once_there_are_too_many() {
        TokenBuckets small = new TokenBuckets(new RateLimits.Rate(2, 5), 2, now::get);
        ApiKeyId busy = ApiKeyId.random();
        for (int i = 0; i < 3; i++) {
            small.take(ApiKeyId.random());
        }
        assertThat(small.size()).isEqualTo(3);
        advance(Duration.ofSeconds(3));
        for (int i = 0; i < 5; i++) {
            small.take(busy);
        }

        assertThat(small.size())
                .as("the three idle buckets dropped, the busy one kept")
                .isEqualTo(1);
        assertThat(small.take(busy).allowed())
                .as("the busy key's bucket kept its count")
                .isFalse();
    }

    @Test
    void a_rate_below_one_a_second_or_an_empty_burst_is_refused() {
        assertThatThrownBy(() -> new RateLimits.Rate(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimits.Rate(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
