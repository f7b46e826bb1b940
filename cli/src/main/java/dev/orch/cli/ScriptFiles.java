package dev.orch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The .orch files a command is given: a file as it is, a folder's in path order (not those in build or tool folders). */
final class ScriptFiles {
    /** Folders that hold what tools made, not scripts: the run store, Maven's output, npm's packages. */
    private static final Set<String> SKIPPED = Set.of(".orch", "target", "node_modules", ".git");

    private ScriptFiles() {}

    /** The file itself, or every .orch file under a folder in path order; null (after saying why) if missing. */
    static List<Path> find(Path path, PrintWriter err) {
        if (!Files.exists(path)) {
            err.println("orch: " + path + ": no such file");
            return null;
        }
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> all = Files.walk(path)) {
            List<Path> found = new ArrayList<>(all
                    .filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p) && !skipped(path, p))
                    .map(p -> path.equals(Path.of(".")) ? Path.of(".").relativize(p) : p)
                    .sorted().toList());
            if (found.isEmpty()) err.println("orch: " + path + ": no .orch files in this folder");
            return found.isEmpty() ? null : found;
        } catch (IOException | UncheckedIOException e) {
            err.println("orch: " + path + ": cannot read the folder: " + e.getMessage());
            return null;
        }
    }

    private static boolean skipped(Path root, Path file) {
        Path inside = root.relativize(file).getParent();
        if (inside == null) return false;
        for (Path part : inside) if (SKIPPED.contains(part.toString())) return true;
        return false;
    }
}
