package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.BuiltinHelp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The builtins are listed once, in the table: docs/LANGUAGE.md holds the table's Markdown between two markers
 * (rewritten with -Dgolden.update=true), and `orch help builtins` prints it.
 */
class BuiltinsDocTest {
    private static final Path DOC = Path.of("..", "docs", "LANGUAGE.md");
    private static final String START = "<!-- builtins: generated from compiler/lang/Builtin by BuiltinsDocTest (-Dgolden.update=true) -->\n";
    private static final String END = "<!-- end of builtins -->";

    @Test
    void theLanguageDocListsExactlyTheBuiltinsTable() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(START);
        int to = doc.indexOf(END, from);
        assertThat(from).as("docs/LANGUAGE.md has the builtins markers").isNotNegative();
        assertThat(to).as("docs/LANGUAGE.md has the end marker after the start").isPositive();
        String listed = doc.substring(from + START.length(), to);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, doc.substring(0, from + START.length()) + BuiltinHelp.markdown() + doc.substring(to),
                    StandardCharsets.UTF_8);
            listed = BuiltinHelp.markdown();
        }
        assertThat(listed).as("the builtins in docs/LANGUAGE.md (rewrite with -Dgolden.update=true)")
                .isEqualTo(BuiltinHelp.markdown());
        for (Builtin b : Builtin.values()) assertThat(listed).contains("| `" + b.signature() + "` |");
    }

    @Test
    void orchHelpBuiltinsPrintsEveryBuiltinWithItsSignature() {
        CliRun help = CliRun.of("help", "builtins");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).isEqualTo(BuiltinHelp.text());
        assertThat(help.stdout()).contains("  get(x, key, default?)", "  env(name, default?)", "  min(values...)",
                "  sh(cmd, timeout:, cwd:)", "(needs --allow shell)");
    }

    @Test
    void orchHelpStillShowsACommandsHelpAndRefusesAnUnknownTopic() {
        assertThat(CliRun.of("help", "check").stdout()).contains("Usage: orch check");
        CliRun unknown = CliRun.of("help", "bulitins");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no command or topic 'bulitins'", "orch help builtins");
    }
}
