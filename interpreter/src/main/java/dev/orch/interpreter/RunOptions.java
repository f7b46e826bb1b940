package dev.orch.interpreter;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Provider;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How to run: the script's folder (paths are relative to it), the extra folders `--allow write:PATH` opened, where
 * `print` goes, who hears the events, the run id, optionally a provider to use instead of the one a model
 * declares (tests instrument providers this way; null means none), and every `--allow` value given (`shell`,
 * `net`, `write:PATH`), which `sh`, `http` and `run()` consult.
 */
public record RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                         Function<ModelSpec, Provider> providers, Set<String> allowed) {
    public RunOptions {
        allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
    }

    /** Without `--allow shell` or `net`: only the write paths given. */
    public RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                      Function<ModelSpec, Provider> providers) {
        this(folder, allowedPaths, out, listener, runId, providers, Set.of());
    }

    public RunOptions withProviders(Function<ModelSpec, Provider> p) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, p, allowed);
    }

    public RunOptions withAllowed(Set<String> a) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, providers, a);
    }
}
