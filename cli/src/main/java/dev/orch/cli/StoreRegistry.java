package dev.orch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stores runs were recorded in, so `orch runs`, `orch show` and `orch resume` find a run wherever its script
 * kept it. A text file, one absolute store path a line: `stores` under $ORCH_HOME, else $XDG_STATE_HOME/orch, else
 * ~/.orch. Losing it loses no run (each store still holds its own), so it never fails a command: a registry that
 * cannot be written is said once on stderr.
 */
final class StoreRegistry {
    static final String HOME_ENV = "ORCH_HOME";
    /** Read before {@link #HOME_ENV}: the tests' way to keep the registry out of the real home. */
    static final String HOME_PROPERTY = "orch.home";

    private static boolean warned;

    private StoreRegistry() {}

    static Path file() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) home = System.getenv(HOME_ENV);
        if (home == null || home.isBlank()) {
            String state = System.getenv("XDG_STATE_HOME");
            home = state == null || state.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".orch").toString()
                    : Path.of(state, "orch").toString();
        }
        return Path.of(home, "stores");
    }

    /** Adds the store unless it is listed already. */
    static synchronized void remember(Path store, PrintWriter err) {
        Path file = file();
        String line = store.toAbsolutePath().normalize().toString();
        try {
            if (read(file).contains(line)) return;
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                err.println("orch: warning: cannot note the run store in " + file + " (" + e.getClass().getSimpleName()
                        + "); `orch runs` finds this run only from the script's folder or with --store " + line);
            }
        }
    }

    /** The registered stores that still exist, in the order they were first used. */
    static List<Path> stores() {
        List<Path> existing = new ArrayList<>();
        try {
            for (String line : read(file())) {
                Path p = Path.of(line);
                if (Files.isRegularFile(p)) existing.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable registry hides nothing the current folder's store holds
        }
        return existing;
    }

    private static Set<String> read(Path file) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) return lines;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) lines.add(l.strip());
        }
        return lines;
    }
}
