package dev.orch.cli;

import dev.orch.compiler.check.Capabilities;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `--allow` and `--trust-model-output`, shared by every command that compiles or runs a script. */
public final class CapabilityOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--allow", paramLabel = "CAPABILITY",
            description = "grant a capability: shell, net, net:HOST, write:PATH, read:PATH or env:NAME (docs/security.md)")
    List<String> allow = new ArrayList<>();

    @Option(names = "--trust-model-output", description = "let text a model produced reach sh(text) or the host of an http URL")
    boolean trustModelOutput;

    /** The granted values, or null after saying which one is no capability (a usage error: exit 2). */
    public Set<String> granted() {
        List<String> problems = Capabilities.problems(allow);
        if (!problems.isEmpty()) {
            problems.forEach(p -> command.commandLine().getErr().println("orch: " + p));
            return null;
        }
        Set<String> granted = new LinkedHashSet<>(allow);
        if (trustModelOutput) granted.add(Capabilities.TRUST_MODEL_OUTPUT);
        return granted;
    }
}
