package org.agenthooks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A results table printed as aligned plain text: metric, value, and the target or a note. */
final class Table {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    Table(String title) {
        this.title = title;
    }

    Table row(String metric, String value, String note) {
        rows.add(new String[] {metric, value, note});
        return this;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    void print() {
        int[] widths = {"metric".length(), "value".length(), 0};
        for (String[] row : rows) {
            for (int i = 0; i < 2; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append('\n').append("== ").append(title).append(" ==\n");
        out.append(pad("metric", widths[0]))
                .append(" | ")
                .append(pad("value", widths[1]))
                .append(" | target / note\n");
        out.append("-".repeat(widths[0]))
                .append("-+-")
                .append("-".repeat(widths[1]))
                .append("-+-")
                .append("-".repeat(14))
                .append('\n');
        for (String[] row : rows) {
            out.append(pad(row[0], widths[0]))
                    .append(" | ")
                    .append(pad(row[1], widths[1]))
                    .append(" | ")
                    .append(row[2])
                    .append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
