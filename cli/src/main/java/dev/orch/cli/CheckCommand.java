package dev.orch.cli;

import dev.orch.cli.render.DiagnosticsJson;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.DiagnosticRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compile scripts and report problems, without running anything.",
            "Each diagnostic is FILE:LINE:COL: error|warning: MESSAGE, the source line, a caret and a hint."},
        footer = {"", "Exit: 0 when there are no errors (warnings are fine), 2 when any script has errors.",
            "Example:  orch check examples/*.orch"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .orch scripts to check")
    List<Path> files;

    @Option(names = "--json", description = "print the diagnostics as one JSON document on stdout")
    boolean json;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Override
    public Integer call() {
        return call(Main.streams(spec));
    }

    /** The command with its streams given: what {@link PlainCommandLine} calls, without picocli. */
    Integer call(Streams io) {
        this.io = io;
        WarmUp.inBackground(false);
        var allowed = grants.granted();
        if (allowed == null) return 2;
        List<Compilation> results = new ArrayList<>();
        long errors = 0;
        long warnings = 0;
        for (Path file : files) {
            var source = Sources.read(file, io.err());
            if (source == null) {
                errors++;
                continue;
            }
            Compilation c = Compiler.compileWithTests(source, new CompileOptions(false, allowed));
            results.add(c);
            errors += c.errorCount();
            warnings += c.warningCount();
        }
        if (json) {
            io.out().println(DiagnosticsJson.write(results));
        } else {
            for (Compilation c : results) {
                if (!c.diagnostics().isEmpty()) io.err().println(c.render());
            }
            // A file that could not be read has had its one line already; a summary would only repeat it.
            if (results.isEmpty()) return 2;
            io.err().println(files.size() == 1 && errors + warnings == 0
                    ? files.get(0) + ": ok"
                    : DiagnosticRenderer.summary(errors, warnings) + " in " + files.size() + " file" + (files.size() == 1 ? "" : "s"));
        }
        return errors > 0 ? 2 : 0;
    }
}
