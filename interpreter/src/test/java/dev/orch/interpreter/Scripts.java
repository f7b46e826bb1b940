package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Compiles a script from a string, runs its main, and keeps what it printed, returned and emitted. */
final class Scripts {
    record Outcome(String stdout, RunResult result, List<RunEvent> events) {
        <T extends RunEvent> List<T> events(Class<T> kind) {
            return events.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        RunError error() {
            return result.error();
        }
    }

    static final Env NO_KEYS = name -> null;

    private Scripts() {}

    static Outcome run(String source) {
        return run(source, null, Map.of());
    }

    static Outcome run(String source, Function<ModelSpec, Provider> providers) {
        return run(source, providers, Map.of());
    }

    static Outcome run(String source, Function<ModelSpec, Provider> providers, Map<String, Value> args) {
        try {
            Path dir = Files.createTempDirectory("orch-test");
            return run(dir, source, providers, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan of a script that compiles without errors. */
    static dev.orch.compiler.plan.Plan plan(String source) {
        Compilation c = Compiler.compile(new SourceFile("test.orch", source), CompileOptions.run(java.util.Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        return c.plan();
    }

    /** A run whose API keys come from {@code env} (the tests never read the machine's own keys). */
    static Outcome runWithKeys(String source, Env env) {
        try {
            return run(Files.createTempDirectory("orch-test"), source, null, Map.of(), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(Path dir, String source, Function<ModelSpec, Provider> providers, Map<String, Value> args) {
        return run(dir, source, providers, args, NO_KEYS);
    }

    static Outcome run(Path dir, String source, Function<ModelSpec, Provider> providers, Map<String, Value> args, Env env) {
        return run(dir, source, providers, args, env, java.util.Set.of(), false);
    }

    /**
     * The fullest form: {@code allowed} are the `--allow` grants; {@code stream}: the run listens for streamed text,
     * as progress on a terminal does, so HTTP providers stream their replies.
     */
    static Outcome run(Path dir, String source, Function<ModelSpec, Provider> providers, Map<String, Value> args, Env env,
                       java.util.Set<String> allowed, boolean stream) {
        return run(dir, source, providers, args, env, allowed, stream, null);
    }

    /** A run on {@code clock}, which jumps instead of waiting (see {@link VirtualClock}). */
    static Outcome runOn(VirtualClock clock, String source) {
        return runOn(clock, source, null);
    }

    static Outcome runOn(VirtualClock clock, String source, Function<ModelSpec, Provider> providers) {
        try {
            return run(Files.createTempDirectory("orch-test"), source, providers, Map.of(), NO_KEYS, java.util.Set.of(), false, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code clock}: null for the machine's. */
    static Outcome run(Path dir, String source, Function<ModelSpec, Provider> providers, Map<String, Value> args, Env env,
                       java.util.Set<String> allowed, boolean stream, RunClock clock) {
        Path file = dir.resolve("test.orch");
        try {
            Files.writeString(file, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Compilation c = Compiler.compile(new SourceFile(file.toString(), source), CompileOptions.run(allowed));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        assertThat(c.plan()).as("a plan for a script with main").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunListener listener = !stream ? events::add : new RunListener() {
            @Override
            public void event(RunEvent e) {
                events.add(e);
            }

            @Override
            public boolean wantsTokens() {
                return true;
            }
        };
        RunOptions options = new RunOptions(dir, List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                listener, "test-run", providers, env, allowed);
        RunResult result;
        if (clock == null) {
            result = Interpreter.run(c.plan(), "main", args, options);
        } else {
            try (Engine engine = new LocalEngine(options, clock)) {
                result = Interpreter.runKeepingNames(c.plan(), "main", args, options, Journal.NONE, engine).result();
            }
        }
        return new Outcome(out.toString(StandardCharsets.UTF_8), result, events);
    }
}
