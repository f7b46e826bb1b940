package dev.orch.cli;

import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.format.Formatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrite scripts in Orch's one canonical layout, keeping every comment where it was.",
            "A folder means every .orch file under it; '-' reads standard input and writes the result to standard output.",
            "Formatting never changes what a script means: a script with syntax errors is left as it is."},
        footer = {"", "Exit: 0 when done (or, with --check, when every file is formatted), 1 when --check finds a file",
            "that would change, 2 for a syntax error or a file that cannot be read.",
            "Example:  orch fmt --check examples/"})
final class FmtCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .orch scripts or folders to format, or '-'")
    List<String> files;

    @Option(names = "--check", description = "change nothing; name each file that would change and exit 1 if any would")
    boolean check;

    @Override
    public Integer call() throws IOException {
        io = Main.streams(spec);
        int exit = 0;
        for (String name : files) {
            if (name.equals("-")) {
                exit = Math.max(exit, standardInput());
                continue;
            }
            List<Path> scripts = ScriptFiles.find(Path.of(name), io.err());
            if (scripts == null) {
                exit = 2;
                continue;
            }
            for (Path script : scripts) exit = Math.max(exit, file(script));
        }
        return exit;
    }

    private int file(Path script) {
        SourceFile source = Sources.read(script, io.err());
        if (source == null) return 2;
        switch (Formatter.format(source)) {
            case Formatter.Result.Refused refused -> {
                io.err().println(new DiagnosticRenderer(source).render(refused.diagnostics()));
                return 2;
            }
            case Formatter.Result.Formatted formatted -> {
                if (formatted.text().equals(source.text())) return 0;
                if (check) {
                    io.out().println(script + ": not formatted (orch fmt " + script + " rewrites it)");
                    return 1;
                }
                try {
                    Files.writeString(script, formatted.text(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    io.err().println("orch: " + script + ": cannot write: " + e.getMessage());
                    return 2;
                }
                io.out().println("formatted " + script);
                return 0;
            }
        }
    }

    private int standardInput() throws IOException {
        SourceFile source = new SourceFile("<stdin>", new String(io.in().readAllBytes(), StandardCharsets.UTF_8));
        switch (Formatter.format(source)) {
            case Formatter.Result.Refused refused -> {
                io.err().println(new DiagnosticRenderer(source).render(refused.diagnostics()));
                return 2;
            }
            case Formatter.Result.Formatted formatted -> {
                io.out().print(formatted.text());
                return check && !formatted.text().equals(source.text()) ? 1 : 0;
            }
        }
    }
}
