package dev.orch.compiler;

import java.util.Set;

/**
 * How a script is compiled. {@code forRun}: capability checks (`sh` without `--allow shell`) are errors, not
 * warnings. {@code allowed}: the `--allow` values given (`shell`, `net`, `write:PATH`). {@code command}: how the
 * user starts what compiles it again with more grants (`orch run FILE`, `orch repl`), for the hint of a missing one.
 */
public record CompileOptions(boolean forRun, Set<String> allowed, String command) {
    public static final CompileOptions CHECK = new CompileOptions(false, Set.of());

    public CompileOptions(boolean forRun, Set<String> allowed) {
        this(forRun, allowed, "orch run FILE");
    }

    public static CompileOptions run(Set<String> allowed) {
        return new CompileOptions(true, Set.copyOf(allowed));
    }

    /** The REPL: a missing grant is given when the REPL starts. */
    public static CompileOptions repl(Set<String> allowed) {
        return new CompileOptions(true, Set.copyOf(allowed), "orch repl");
    }

    public boolean allows(String capability) {
        return allowed.contains(capability) || allowed.stream().anyMatch(a -> a.startsWith(capability + ":"));
    }

    /** "run it as: orch run FILE --allow shell", or the REPL's own command. */
    public String grantHint(String flag) {
        return (command.startsWith("orch repl") ? "start the REPL as: " : "run it as: ") + command + " --allow " + flag;
    }
}
