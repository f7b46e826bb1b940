package dev.orch.temporal;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a worker brings to the runs it serves (decision 14): its folder, where reads and writes happen; its own
 * `--allow` grants; the environment its API keys and `env()` come from; and, in tests, a stand-in for providers.
 */
public record WorkerSetup(Path root, Set<String> allowed, Env env, Function<ModelSpec, Provider> providers) {
    public WorkerSetup {
        root = root.toAbsolutePath().normalize();
        allowed = Set.copyOf(allowed);
    }

    public WorkerSetup(Path root, Set<String> allowed) {
        this(root, allowed, Env.system(), null);
    }

    /** How the worker's local engine runs one run's activities: nothing prints on a worker, nobody listens. */
    RunOptions options(String runId) {
        List<Path> writable = allowed.stream().filter(a -> a.startsWith("write:")).map(a -> Path.of(a.substring(6))).toList();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new RunOptions(root, writable, nowhere, RunListener.NONE, runId, providers, env, allowed);
    }
}
