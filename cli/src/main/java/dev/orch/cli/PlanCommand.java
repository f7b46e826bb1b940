package dev.orch.cli;

import dev.orch.cli.render.PlanPage;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.plan.render.PlanFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the execution plan of a script for review, without running it: the statements as a tree "
                + "with what each waits for, the waves of each dag, parallel groups, retry bounds, and the estimated "
                + "calls, tokens and cost with the critical path."},
        footer = {"", "Exit: 0 with a plan on stdout, 2 when the script has errors or no workflow main.",
            "Examples:  orch plan examples/pipeline.orch",
            "           orch plan examples/pipeline.orch --format mermaid > plan.mmd"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(paramLabel = "FILE", description = "the .orch script")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json (what `orch compile` writes), mermaid (flowchart), dot (Graphviz) or html (one self-contained page)")
    String format = "text";

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
        boolean html = format.equalsIgnoreCase("html");
        PlanFormat chosen = null;
        try {
            if (!html) chosen = PlanFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            io.err().println("orch: unknown format '" + format + "'; use text, json, mermaid, dot or html");
            return 2;
        }
        var allowed = grants.granted();
        if (allowed == null) return 2;
        Compilation c = Plans.compile(file, allowed, io.err());
        if (c == null) return 2;
        io.out().print(html ? PlanPage.render(c.plan()) : chosen.render(c.plan()));
        io.out().flush();
        return 0;
    }
}
