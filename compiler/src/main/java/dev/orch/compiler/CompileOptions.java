package dev.orch.compiler;

import java.util.Set;

/**
 * How a script is compiled. {@code forRun}: capability checks (`sh` without `--allow shell`) are errors, not
 * warnings. {@code allowed}: the `--allow` values given (`shell`, `net`, `write:PATH`).
 */
public record CompileOptions(boolean forRun, Set<String> allowed) {
    public static final CompileOptions CHECK = new CompileOptions(false, Set.of());

    public static CompileOptions run(Set<String> allowed) {
        return new CompileOptions(true, Set.copyOf(allowed));
    }

    public boolean allows(String capability) {
        return allowed.contains(capability) || allowed.stream().anyMatch(a -> a.startsWith(capability + ":"));
    }
}
