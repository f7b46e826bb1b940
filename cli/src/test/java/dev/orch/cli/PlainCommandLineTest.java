package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch run FILE` (with the options typed most), `orch plan FILE` and `orch check FILE...` skip picocli: each prints
 * and exits exactly as through picocli, for a good script, a script with errors and a file that is not there, and
 * anything else still goes through picocli.
 */
class PlainCommandLineTest {
    private static final Pattern TIMES = Pattern.compile("\\d{8}-\\d{4,6}-[0-9a-f]+|\\d+(\\.\\d+)? ?(ms|s)\\b|\\b[0-9a-f]{8,}\\b|\\d{4}-\\d\\d-\\d\\d[ T][\\d:.]+");

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {}

    private static Outcome execute(boolean plain, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new Streams(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true)), plain, args);
        // Run ids, durations and dates differ from one run to the next, whichever way it was parsed.
        return new Outcome(exit, TIMES.matcher(out.toString()).replaceAll("#"), TIMES.matcher(err.toString()).replaceAll("#"));
    }

    private void sameEitherWay(int exit, String... args) {
        Outcome viaPicocli = execute(false, args);
        Outcome plain = execute(true, args);
        assertThat(plain).as(String.join(" ", args)).isEqualTo(viaPicocli);
        assertThat(plain.exit()).as(plain.err()).isEqualTo(exit);
    }

    @Test
    void plainCommandLinesPrintAndExitAsThroughPicocli() throws Exception {
        Path good = dir.resolve("good.orch");
        Files.writeString(good, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  x = a("one")
                  print "got {x}"
                  return len(x)
                }
                """);
        Path bad = dir.resolve("bad.orch");
        Files.writeString(bad, "workflow main() {\n  return missing\n}\n");
        String missing = dir.resolve("nowhere.orch").toString();

        sameEitherWay(0, "run", good.toString());
        sameEitherWay(2, "run", bad.toString());
        sameEitherWay(2, "run", missing);
        sameEitherWay(0, "plan", good.toString());
        sameEitherWay(2, "plan", bad.toString());
        sameEitherWay(0, "check", good.toString());
        sameEitherWay(2, "check", good.toString(), bad.toString(), missing);
        sameEitherWay(2, "run", good.toString(), bad.toString());
        String store = dir.resolve("runs.db").toString();
        sameEitherWay(0, "run", "-q", good.toString());
        sameEitherWay(0, "run", good.toString(), "--no-store", "--quiet");
        sameEitherWay(0, "run", "--store", store, good.toString());
        sameEitherWay(2, "run", bad.toString(), "--store", store);
        sameEitherWay(0, "run", "--store", store, "--no-store", good.toString());
        Path greet = dir.resolve("greet.orch");
        Files.writeString(greet, """
                workflow main(who: text, n: number = 1) {
                  return "{who} x{n}"
                }
                """);
        sameEitherWay(0, "run", greet.toString(), "--arg", "who=ann", "--arg", "n=2", "--no-store");
        sameEitherWay(2, "run", greet.toString(), "--arg", "n=two", "--no-store");
        sameEitherWay(2, "run", greet.toString(), "--arg", "nobody=1", "--no-store");
        sameEitherWay(2, "run", greet.toString(), "--no-store");
        assertThat(execute(true, "run", greet.toString(), "--arg", "who=ann", "--no-store").out()).isEqualTo("ann x1\n");
        sameEitherWay(0, "--version");
        sameEitherWay(0, "-V");
        assertThat(execute(true, "run", good.toString()).out()).startsWith("got ");
        assertThat(execute(true, "--version").out()).startsWith("orch ");
    }

    @Test
    void onlyAPlainCommandLineSkipsPicocli() {
        Streams io = new Streams(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch"}, io)).isNotNull();
        assertThat(PlainCommandLine.command(new String[] {"check", "a.orch", "b.orch"}, io)).isNotNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "-q"}, io)).isNotNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "--no-store", "--arg", "a=1", "--arg", "b=2", "a.orch"}, io)).isNotNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "-q", "-q"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--store"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--store", "x.db", "--store", "y.db"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--store=x.db"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--arg", "-q"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--cache"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "--allow", "shell"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "--", "a.orch"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "@args.txt"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run", "a.orch", "b.orch"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"runs", "a"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"run"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"--version"}, io)).isNotNull();
        assertThat(PlainCommandLine.command(new String[] {"--version", "--help"}, io)).isNull();
        assertThat(PlainCommandLine.command(new String[] {"plan", "a.orch", "--format", "json"}, io)).isNull();
    }
}
