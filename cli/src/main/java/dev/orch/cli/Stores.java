package dev.orch.cli;

import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStore;
import dev.orch.interpreter.store.StoreException;
import dev.orch.interpreter.store.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and opens the run stores for `orch runs`, `orch show` and `orch resume`, which read them and never create
 * one. With --store or $ORCH_STORE, that one store; else the current folder's and every store `orch run` recorded a
 * run in ({@link StoreRegistry}).
 */
final class Stores {
    private Stores() {}

    static Path location(Path option) {
        return StoreLocation.choose(option, System.getenv(StoreLocation.ENV), null);
    }

    /** True when the user named one store (--store or $ORCH_STORE): only that one is read. */
    static boolean chosen(Path option) {
        String env = System.getenv(StoreLocation.ENV);
        return option != null || (env != null && !env.isBlank());
    }

    /** The stores to read, each once: the named one, or the current folder's and the registered ones that exist. */
    static List<Path> candidates(Path option) {
        if (chosen(option)) return List.of(location(option));
        Map<Path, Path> found = new LinkedHashMap<>();
        Path here = location(null);
        if (Files.isRegularFile(here)) found.put(here.toAbsolutePath().normalize(), here);
        for (Path p : StoreRegistry.stores()) found.putIfAbsent(p.toAbsolutePath().normalize(), p);
        return new ArrayList<>(found.values());
    }

    /** True (after saying so on stderr) when there is no store at that path yet. */
    static boolean missing(Path file, PrintWriter err) {
        if (Files.exists(file)) return false;
        err.println("orch: no runs recorded in " + file + " yet (orch run records each run there; use --store"
                + " PATH or " + StoreLocation.ENV + " for a store elsewhere)");
        return true;
    }

    /** A run found in one of the stores, with that store open (the caller closes it). */
    record Found(RunStore store, RunRecord run) {}

    /**
     * The run with this id, or the one whose id starts with it, across {@link #candidates}. Null after saying why
     * on stderr: no store, no such run, or a prefix matching runs in several stores (each listed).
     */
    static Found find(Path option, String idOrPrefix, PrintWriter err) {
        return find(option, idOrPrefix, false, err);
    }

    /** As {@link #find(Path, String, PrintWriter)} for a command that only reads: a store on a read-only filesystem still opens. */
    static Found findToRead(Path option, String idOrPrefix, PrintWriter err) {
        return find(option, idOrPrefix, true, err);
    }

    private static Found find(Path option, String idOrPrefix, boolean onlyRead, PrintWriter err) {
        List<Path> stores = candidates(option);
        if (stores.isEmpty()) {
            err.println("orch: no runs recorded yet: none in " + location(null) + " and no store noted in "
                    + StoreRegistry.file() + " (orch run records each run beside its script; --store PATH reads another)");
            return null;
        }
        if (chosen(option) && missing(stores.get(0), err)) return null;
        List<Found> matches = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (Path file : stores) {
            RunStore store = onlyRead ? RunStore.openToRead(file) : RunStore.open(file);
            boolean keep = false;
            try {
                Optional<RunRecord> run = store.run(idOrPrefix);
                if (run.isPresent()) {
                    keep = true;
                    if (run.get().id().equals(idOrPrefix)) { // an exact id wins over prefixes elsewhere
                        matches.forEach(m -> m.store().close());
                        return new Found(store, run.get());
                    }
                    matches.add(new Found(store, run.get()));
                }
            } catch (StoreException e) {
                if (!e.getMessage().contains("matches several runs")) throw e;
                // Listed as the other matches are: one line a run, id, script and store.
                for (RunRecord r : store.runs()) {
                    if (r.id().startsWith(idOrPrefix)) ambiguous.add(r.id() + "  " + r.script() + "  (" + file + ")");
                }
            } finally {
                if (!keep) store.close();
            }
        }
        if (matches.size() == 1 && ambiguous.isEmpty()) return matches.get(0);
        if (matches.isEmpty() && ambiguous.isEmpty()) {
            err.println("orch: no run " + idOrPrefix + " in " + String.join(", ", stores.stream().map(Path::toString).toList())
                    + "; `orch runs` lists the runs " + (stores.size() == 1 ? "it holds" : "they hold"));
            return null;
        }
        err.println("orch: \"" + idOrPrefix + "\" matches several runs; give more of the id:");
        for (Found m : matches) {
            err.println("  " + m.run().id() + "  " + m.run().script() + "  (" + m.store().file() + ")");
            m.store().close();
        }
        ambiguous.forEach(a -> err.println("  " + a));
        return null;
    }
}
