package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbRow;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** A result row read by lower-case column name: H2 labels columns in upper case, PostgreSQL in lower case. */
final class Row {
    private final Map<String, Object> values;

    private Row(Map<String, Object> values) {
        this.values = values;
    }

    static Row of(DbRow row) {
        Map<String, Object> values = new HashMap<>();
        row.forEach(column -> values.put(
                column.name().toLowerCase(Locale.ROOT), column.asOptional().orElse(null)));
        return new Row(values);
    }

    /** The current row of a plain JDBC result, read into the same shape. */
    static Row of(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        Map<String, Object> values = new HashMap<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            values.put(meta.getColumnLabel(column).toLowerCase(Locale.ROOT), result.getObject(column));
        }
        return new Row(values);
    }

    String text(String column) {
        return (String) required(column);
    }

    Optional<String> optionalText(String column) {
        return Optional.ofNullable((String) value(column));
    }

    int number(String column) {
        return ((Number) required(column)).intValue();
    }

    Optional<Integer> optionalNumber(String column) {
        return Optional.ofNullable((Number) value(column)).map(Number::intValue);
    }

    long longNumber(String column) {
        return ((Number) required(column)).longValue();
    }

    OptionalLong optionalLong(String column) {
        Number value = (Number) value(column);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
    }

    boolean flag(String column) {
        return (Boolean) required(column);
    }

    byte[] bytes(String column) {
        return (byte[]) required(column);
    }

    /** A column naming one of a fixed set ({@code byName} finds it): an unknown name means the row is corrupt. */
    <T> T named(String column, Function<String, Optional<T>> byName, String what) {
        String name = text(column);
        return byName.apply(name).orElseThrow(() -> new IllegalStateException("unknown stored " + what + ": " + name));
    }

    Instant instant(String column) {
        return SqlTime.toInstant(required(column));
    }

    Optional<Instant> optionalInstant(String column) {
        return Optional.ofNullable(value(column)).map(SqlTime::toInstant);
    }

    private Object required(String column) {
        Object value = value(column);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return value;
    }

    private Object value(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
        }
        return values.get(column);
    }
}
