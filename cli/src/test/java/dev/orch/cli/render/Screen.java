package dev.orch.cli.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * What a person would see: an xterm whose output is kept, and the screen it draws, replayed from the bytes with the
 * cursor moves, erases, line inserts and the delayed wrap at the right margin the live progress relies on (a tty's
 * newline also returns the carriage).
 */
final class Screen {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final int columns;
    private static final Map<Character, Character> LINE_SET = Map.of('x', '\u2502', 'q', '\u2500', 'l', '\u250c', 'k', '\u2510',
            'm', '\u2514', 'j', '\u2518');

    Screen(int columns, int rows) {
        this.columns = columns;
        try {
            terminal = new ExternalTerminal("test", "xterm", InputStream.nullInputStream(), bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        terminal.setSize(new Size(columns, rows));
    }

    Terminal terminal() {
        return terminal;
    }

    /** Everything written so far, escapes and all. */
    String written() {
        terminal.flush();
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The screen's lines now, trailing blanks and blank lines at the end left out. */
    List<String> lines() {
        List<StringBuilder> rows = new ArrayList<>();
        rows.add(new StringBuilder());
        int row = 0;
        int col = 0;
        boolean lineDrawing = false;
        String s = written();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u001B' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';' || s.charAt(j) == '?')) j++;
                String param = s.substring(i + 2, j).replace("?", "");
                int n = param.isEmpty() || param.contains(";") ? 1 : Math.max(1, Integer.parseInt(param));
                StringBuilder line = rows.get(row);
                switch (s.charAt(j)) {
                    case 'A' -> row = Math.max(0, row - n);
                    case 'B' -> row += n;
                    case 'C' -> col += n;
                    case 'D' -> col = Math.max(0, col - n);
                    case 'K' -> { if (line.length() > col) line.setLength(col); }
                    case 'J' -> {
                        if (line.length() > col) line.setLength(col);
                        while (rows.size() > row + 1) rows.remove(rows.size() - 1);
                    }
                    case '@' -> { if (line.length() > col) line.insert(col, " ".repeat(n)); }
                    case 'P' -> { if (line.length() > col) line.delete(col, Math.min(line.length(), col + n)); }
                    case 'L' -> { for (int k = 0; k < n; k++) rows.add(row, new StringBuilder()); }
                    case 'M' -> { for (int k = 0; k < n && row < rows.size(); k++) rows.remove(row); }
                    default -> { } // colours and modes change nothing that is read here
                }
                i = j;
            } else if (c == '\u001B' && i + 2 < s.length() && s.charAt(i + 1) == '(') {
                lineDrawing = s.charAt(i + 2) == '0'; // JLine draws box characters in the terminal's line set
                i += 2;
            } else if (c == '\u001B') {
                i++; // a two-character escape (keypad modes)
            } else if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
            } else if (c == '\b') {
                col = Math.max(0, col - 1);
            } else if (c >= ' ') {
                if (col >= columns) { // the wrap an xterm delays until the next character
                    row++;
                    col = 0;
                    while (rows.size() <= row) rows.add(new StringBuilder());
                }
                StringBuilder line = rows.get(row);
                while (line.length() < col) line.append(' ');
                char shown = lineDrawing ? LINE_SET.getOrDefault(c, c) : c;
                if (col < line.length()) line.setCharAt(col, shown);
                else line.append(shown);
                col = Math.min(col + 1, columns);
            }
            while (rows.size() <= row) rows.add(new StringBuilder());
        }
        List<String> shown = new ArrayList<>(rows.stream().map(b -> b.toString().stripTrailing()).toList());
        while (!shown.isEmpty() && shown.get(shown.size() - 1).isEmpty()) shown.remove(shown.size() - 1);
        return shown;
    }
}
