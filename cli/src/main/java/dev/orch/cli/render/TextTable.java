package dev.orch.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells aligned in columns, two spaces apart; numeric columns align right. Free lines (such as an error
 * under its row) are printed as they are and do not widen the columns. No trailing spaces.
 */
final class TextTable {
    private sealed interface Line {}

    private record Cells(List<String> cells) implements Line {}

    private record Free(String text) implements Line {}

    private final boolean[] right;
    private final List<Line> lines = new ArrayList<>();

    TextTable(boolean... rightAligned) {
        this.right = rightAligned;
    }

    TextTable row(String... cells) {
        lines.add(new Cells(List.of(cells)));
        return this;
    }

    TextTable line(String text) {
        lines.add(new Free(text));
        return this;
    }

    void appendTo(StringBuilder out) {
        int[] width = new int[right.length];
        for (Line line : lines) {
            if (line instanceof Cells(List<String> cells)) {
                for (int i = 0; i < cells.size(); i++) width[i] = Math.max(width[i], cells.get(i).length());
            }
        }
        for (Line line : lines) {
            String text = switch (line) {
                case Free(String free) -> free;
                case Cells(List<String> cells) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < cells.size(); i++) {
                        String cell = cells.get(i);
                        String pad = " ".repeat(width[i] - cell.length());
                        if (i > 0) row.append("  ");
                        row.append(right[i] ? pad + cell : cell + pad);
                    }
                    yield row.toString();
                }
            };
            out.append(text.stripTrailing()).append('\n');
        }
    }
}
