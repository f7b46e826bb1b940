package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a user feeds `orch check`, it answers with diagnostics and exit 0 or 2: random bytes, every truncation
 * of the examples, and absurdly deep or long scripts. Never a stack trace, never a hang.
 */
class RobustnessTest {
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S.*:(\\d+):(\\d+): error: \\S");
    private static final String[] WORDS = {
        "model", "agent", "breaker", "budget", "workflow", "import", "extends", "var", "sequence", "parallel", "max",
        "settle", "dag", "race", "retry", "backoff", "jitter", "on", "timeout", "if", "else", "for", "in", "loop",
        "until", "try", "catch", "as", "fallback", "phase", "print", "return", "fail", "break", "true", "false", "null",
        "not", "and", "or", "contains", "matches", "x", "f", "main", "mock", "(", ")", "[", "]", "{", "}", "=", "==",
        "!=", "<", "<=", ">", "+", "-", "*", "/", "%", ".", ",", ":", ";", "\n", "\n", "\"", "\"\"\"", "\\", "{x}",
        "1", "2.5", "20ms", "5x", "1.5.2s", "/*", "*/", "//", "@", "$", "\t", " ", " ", " "};

    @TempDir
    Path dir;

    @Test
    void randomBytesNeverCrashTheChecker() throws IOException {
        Random random = new Random(20261125);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            random.nextBytes(bytes);
            files.add(write("bytes-" + i + ".orch", bytes));
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder soup = new StringBuilder();
            int n = random.nextInt(120);
            for (int w = 0; w < n; w++) soup.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            files.add(write("soup-" + i + ".orch", soup.toString().getBytes(StandardCharsets.UTF_8)));
        }
        for (Path file : files) assertCleanCheck(file);
    }

    @Test
    void everyTruncationOfTheExamplesGetsADiagnostic() throws IOException {
        int checked = 0;
        for (Path example : examples()) {
            String text = Files.readString(example);
            for (int end : tokenBoundaries(text)) {
                assertCleanCheck(write("prefix-" + checked++ + ".orch", text.substring(0, end).getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void randomEditsOfTheExamplesGetADiagnosticInsideTheFile() throws IOException {
        // One to three deletions, insertions or swaps: the typos a user makes, in realistic surroundings.
        Random random = new Random(7);
        String[] pieces = {"{", "}", "(", ")", "[", "]", ",", ":", "=", "\"", "\n", " ", "x", "1", "in", "else", "catch", "max", ";", "."};
        int checked = 0;
        for (Path example : examples()) {
            String text = Files.readString(example);
            for (int i = 0; i < 150; i++) {
                StringBuilder edited = new StringBuilder(text);
                for (int e = random.nextInt(3); e >= 0; e--) {
                    int at = random.nextInt(edited.length());
                    switch (random.nextInt(3)) {
                        case 0 -> edited.deleteCharAt(at);
                        case 1 -> edited.insert(at, pieces[random.nextInt(pieces.length)]);
                        default -> {
                            int to = Math.min(edited.length(), at + 1 + random.nextInt(12));
                            edited.replace(at, to, new StringBuilder(edited.substring(at, to)).reverse().toString());
                        }
                    }
                }
                assertCleanCheck(write("edit-" + checked++ + ".orch", edited.toString()));
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(300);
    }

    @Test
    void tenThousandNestedBlocksAreRefusedWithALine() throws IOException {
        String script = "workflow main() {\n" + "parallel {\n".repeat(10_000) + "}\n".repeat(10_000) + "}\n";
        CliRun run = assertCleanCheck(write("blocks.orch", script));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("nested more than");
    }

    @Test
    void tenThousandNestedParenthesesAreRefusedWithALine() throws IOException {
        String script = "workflow main() {\n  a = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n}\n";
        CliRun run = assertCleanCheck(write("parens.orch", script));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("nested more than");
    }

    @Test
    void aHundredThousandTermSumIsRefusedWithALine() throws IOException {
        String script = "workflow main() {\n  a = 1\n  b = a" + " + a".repeat(99_999) + "\n  print b\n}\n";
        CliRun run = assertCleanCheck(write("sum.orch", script));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("sum.orch:3:7: error: this expression is too long");
    }

    @Test
    void tenThousandNotsAreRefusedWithALine() throws IOException {
        String script = "workflow main() {\n  a = " + "not ".repeat(10_000) + "true\n  print a\n}\n";
        CliRun run = assertCleanCheck(write("nots.orch", script));
        assertThat(run.stderr()).contains("nots.orch:2:").contains("'not' or '-' in a row");
    }

    @Test
    void aLongElseIfChainIsHandled() throws IOException {
        StringBuilder s = new StringBuilder("workflow main(x: number = 1) {\n  if x == 0 { print 0 }");
        for (int i = 1; i < 10_000; i++) s.append(" else if x == ").append(i).append(" { print ").append(i).append(" }");
        s.append("\n}\n");
        CliRun run = assertCleanCheck(write("elseif.orch", s.toString()));
        assertThat(run.stderr()).contains("too many 'else if'");
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("..", "examples"))) {
            List<Path> examples = s.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().toList();
            assertThat(examples).isNotEmpty();
            return examples;
        }
    }

    /** Exit 0 or 2; on 2 a `FILE:LINE:COL: error:` line that points inside the file; never a stack trace. */
    private static CliRun assertCleanCheck(Path file) throws IOException {
        CliRun run = CliRun.of("check", file.toString());
        String name = file.getFileName().toString();
        assertThat(run.exitCode()).as("exit code of %s: %s", name, run.stderr()).isIn(0, 2);
        if (run.exitCode() == 2) {
            Matcher m = ERROR_LINE.matcher(run.stderr());
            assertThat(m.find()).as("an error line for %s in: %s", name, run.stderr()).isTrue();
            long lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().count();
            assertThat(Integer.parseInt(m.group(1))).as("line of the error in %s: %s", name, run.stderr())
                    .isBetween(1, (int) lines + 1);
            assertThat(Integer.parseInt(m.group(2))).as("column of the error in %s", name).isPositive();
        }
        assertThat(run.stderr() + run.stdout()).as("output for %s", name)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
        return run;
    }

    /** Every place where a token may end: a change between word characters, spaces and symbols, and every symbol. */
    private static List<Integer> tokenBoundaries(String text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || kind(text.charAt(i)) != kind(text.charAt(i - 1)) || kind(text.charAt(i)) == 2) ends.add(i);
        }
        return ends;
    }

    private static int kind(char c) {
        if (Character.isLetterOrDigit(c) || c == '_') return 0;
        if (Character.isWhitespace(c)) return 1;
        return 2;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
