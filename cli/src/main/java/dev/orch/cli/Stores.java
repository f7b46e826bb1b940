package dev.orch.cli;

import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and opens the run store for `orch runs` and `orch show`, which read it and never create one. */
final class Stores {
    private Stores() {}

    static Path location(Path option) {
        return StoreLocation.choose(option, System.getenv(StoreLocation.ENV), null);
    }

    /** Null (after saying so on stderr) when there is no store at that path yet. */
    static RunStore openExisting(Path file) {
        if (!Files.exists(file)) {
            System.err.println("orch: no runs recorded in " + file + " yet (orch run records each run there; use --store"
                    + " PATH or " + StoreLocation.ENV + " for a store elsewhere)");
            return null;
        }
        return RunStore.open(file);
    }
}
