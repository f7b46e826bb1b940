package dev.orch.interpreter.store;

import java.nio.file.Path;

/**
 * Where the run store lives: `--store PATH` if given, else the ORCH_STORE environment variable, else
 * `.orch/runs.db` in the script's folder (for `orch run`) or in the current folder (for `orch runs`, `show`,
 * `resume`, which have no script).
 */
public final class StoreLocation {
    public static final String ENV = "ORCH_STORE";
    public static final Path DEFAULT = Path.of(".orch", "runs.db");

    private StoreLocation() {}

    /** {@code script} may be null; {@code envValue} is the value of ORCH_STORE, or null. */
    public static Path choose(Path option, String envValue, Path script) {
        if (option != null) return option;
        if (envValue != null && !envValue.isBlank()) return Path.of(envValue);
        if (script != null) {
            Path folder = script.toAbsolutePath().normalize().getParent();
            return folder.resolve(DEFAULT);
        }
        return DEFAULT;
    }
}
