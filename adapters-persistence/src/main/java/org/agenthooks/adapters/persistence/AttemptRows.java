package org.agenthooks.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agenthooks.domain.delivery.Attempt;
import org.agenthooks.domain.delivery.AttemptResult;
import org.agenthooks.domain.delivery.DeliveryId;

/** Rows of the {@code attempts} table: attempts as they are stored, and read back. */
final class AttemptRows {
    private static final String INSERT = """
            INSERT INTO attempts (delivery_id, number, started_at, status_code, error, duration_ms, response_excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private AttemptRows() {}

    static void insert(Connection connection, List<Attempt> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Attempt attempt : attempts) {
                AttemptResult result = attempt.result();
                insert.setString(1, attempt.deliveryId().value());
                insert.setInt(2, attempt.number());
                Params.instant(insert, 3, attempt.startedAt());
                Params.optionalNumber(insert, 4, result.statusCode());
                Params.optionalText(insert, 5, result.error().map(AttemptRows::withoutNul));
                insert.setLong(6, result.took().toMillis());
                insert.setString(7, storedExcerpt(result.responseExcerpt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Attempt toAttempt(Row row) {
        // Retry-After is not kept: it only shaped the next_attempt_at stored with the attempt.
        return new Attempt(
                new DeliveryId(row.text("delivery_id")),
                row.number("number"),
                row.instant("started_at"),
                new AttemptResult(
                        row.optionalNumber("status_code"),
                        row.optionalText("error"),
                        Optional.empty(),
                        Duration.ofMillis(row.longNumber("duration_ms")),
                        row.text("response_excerpt")));
    }

    /**
     * The stored form of a response excerpt: at most {@link AttemptResult#EXCERPT_BYTES} bytes of UTF-8, cut
     * before the first character that does not fit whole, with NUL (which PostgreSQL text cannot hold) as
     * U+FFFD. The sender cuts the body's bytes, but decoding can grow them (each malformed byte becomes a
     * three-byte U+FFFD).
     */
    static String storedExcerpt(String excerpt) {
        String text = withoutNul(excerpt);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > AttemptResult.EXCERPT_BYTES) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static String withoutNul(String text) {
        return text.replace('\u0000', '\uFFFD');
    }
}
