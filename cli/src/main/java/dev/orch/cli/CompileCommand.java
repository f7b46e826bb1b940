package dev.orch.cli;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.plan.Estimator;
import dev.orch.compiler.plan.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a script to a plan file that `orch run PLAN.json` runs later.",
            "The plan records the script's sha256, so a run refuses it once the script changes (unless --force).",
            "Nothing is written when the script has errors."},
        footer = {"", "Exit: 0 when the plan was written, 2 on errors, a missing workflow main or an unwritable file.",
            "Example:  orch compile examples/pipeline.orch -o pipeline.plan.json"})
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(paramLabel = "FILE", description = "the .orch script")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN.json", required = true, description = "where to write the plan")
    Path output;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Override
    public Integer call() {
        io = Main.streams(spec);
        var allowed = grants.granted();
        if (allowed == null) return 2;
        Compilation c = Plans.compile(file, allowed, io.err());
        if (c == null) return 2;
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(output, PlanJson.write(c.plan()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            io.err().println("orch: cannot write " + output + ": " + e.getMessage());
            return 2;
        }
        var e = c.plan().estimate();
        io.err().println("wrote " + output + ": at most " + e.callsMax() + " calls, " + e.tokensMax() + " tokens and $"
                + Estimator.money(e.costMax()) + "; run it with: orch run " + output);
        return 0;
    }
}
