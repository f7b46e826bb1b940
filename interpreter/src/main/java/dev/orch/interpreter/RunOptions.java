package dev.orch.interpreter;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How to run: the script's folder (paths are relative to it), the extra folders `--allow write:PATH` opened, where
 * `print` goes, who hears the events, the run id, optionally a provider to use instead of the one a model
 * declares (tests instrument providers this way; null means none; the model's limits still apply), where API
 * keys come from (the process environment unless a test gives a map), and every `--allow` value given (`shell`,
 * `net`, `write:PATH`), which `sh`, `http` and `run()` consult.
 */
public record RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                         Function<ModelSpec, Provider> providers, Env env, Set<String> allowed, Person person) {
    public RunOptions {
        allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
        person = person == null ? Person.NOBODY : person;
    }

    public RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                      Function<ModelSpec, Provider> providers, Env env, Set<String> allowed) {
        this(folder, allowedPaths, out, listener, runId, providers, env, allowed, Person.NOBODY);
    }

    public RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                      Function<ModelSpec, Provider> providers) {
        this(folder, allowedPaths, out, listener, runId, providers, Env.system(), Set.of());
    }

    public RunOptions(Path folder, List<Path> allowedPaths, PrintStream out, RunListener listener, String runId,
                      Function<ModelSpec, Provider> providers, Env env) {
        this(folder, allowedPaths, out, listener, runId, providers, env, Set.of());
    }

    public RunOptions withProviders(Function<ModelSpec, Provider> p) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, p, env, allowed, person);
    }

    public RunOptions withEnv(Env e) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, providers, e, allowed, person);
    }

    /** The folders `--allow read:PATH` opened for reading (relative ones are relative to the script's folder). */
    public List<Path> readablePaths() {
        return allowed.stream().filter(a -> a.startsWith("read:")).map(a -> Path.of(a.substring("read:".length()))).toList();
    }

    /** Who answers an `ask` while the run goes on ({@link Person#NOBODY}: the run waits for `orch answer`). */
    public RunOptions withPerson(Person p) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, providers, env, allowed, p);
    }

    /** Every `--allow` value given: `shell`, `net`, `write:PATH`. */
    public RunOptions withAllowed(Set<String> a) {
        return new RunOptions(folder, allowedPaths, out, listener, runId, providers, env, a, person);
    }
}
