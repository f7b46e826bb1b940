package dev.orch.compiler;

import java.nio.file.Path;
import java.util.List;
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

    /** The folders imports and reads may also come from: `--allow read:PATH` and `--allow write:PATH`. */
    public List<Path> readablePaths() {
        return allowed.stream().filter(a -> a.startsWith("read:") || a.startsWith("write:"))
                .map(a -> Path.of(a.substring(a.indexOf(':') + 1))).toList();
    }

    public boolean allows(String capability) {
        return allowed.contains(capability) || allowed.stream().anyMatch(a -> a.startsWith(capability + ":"));
    }
}
