package dev.orch.compiler.load;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a script and, depth first, every file it imports (each once), resolving `import "x.orch"` against the
 * importing file's folder. An import that leads back to a file still being loaded is reported with the cycle.
 * `import "std/NAME.orch"` reads a module of the standard library shipped inside the jar ({@link StandardLibrary}).
 */
public final class ImportLoader {
    /**
     * {@code complete} is false when a file could not be read or parsed: the program then lacks declarations,
     * and checking it would only add confusing follow-on errors.
     */
    public record Result(Map<String, SourceFile> sources, List<Program> programs, List<Diagnostic> diagnostics,
                         boolean complete) {}

    private final SourceReader reader;
    private final ImportScope scope;
    private final Map<String, SourceFile> sources = new LinkedHashMap<>();
    private final List<Program> programs = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Deque<String> loading = new ArrayDeque<>();
    /** Files loaded from the standard library: their own relative imports resolve inside it too. */
    private final Set<String> standardFiles = new HashSet<>();
    private boolean complete = true;

    private ImportLoader(SourceReader reader, ImportScope scope) {
        this.reader = reader;
        this.scope = scope;
    }

    public static Result load(SourceFile root, SourceReader reader) {
        return load(root, reader, ImportScope.of(root.path(), List.of()));
    }

    /** As {@link #load(SourceFile, SourceReader)}, with imports confined to {@code scope}. */
    public static Result load(SourceFile root, SourceReader reader, ImportScope scope) {
        ImportLoader loader = new ImportLoader(reader, scope);
        loader.sources.put(root.path(), root);
        loader.parse(root);
        return new Result(loader.sources, loader.programs, loader.diagnostics, loader.complete);
    }

    private void parse(SourceFile source) {
        SourceParser.Result parsed = SourceParser.parse(source);
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.program() == null) {
            complete = false;
            return;
        }
        // A file with a syntax error the AST builder caught (a bad duration, say) still loads, so its imports are
        // followed; but checks would only echo the error ("expects a duration, but this is a number"), so skip them.
        if (!parsed.ok()) complete = false;
        programs.add(parsed.program());
        loading.addLast(source.path());
        for (Decl.Import i : parsed.program().all(Decl.Import.class)) follow(source.path(), i);
        loading.removeLast();
    }

    private void follow(String importer, Decl.Import i) {
        boolean standard = i.path().startsWith(StandardLibrary.PREFIX) || isStandard(importer);
        String path;
        try {
            path = standard && !isStandard(importer) ? Path.of(i.path()).normalize().toString().replace('\\', '/') : resolve(importer, i.path());
        } catch (InvalidPathException e) {
            diagnostics.add(Diagnostic.error(i.pathSpan(), "'" + i.path() + "' is not a valid file path",
                    "import a .orch file by its path relative to this file: import \"lib/agents.orch\""));
            complete = false;
            return;
        }
        if (standard && !StandardLibrary.exists(path)) {
            diagnostics.add(Diagnostic.error(i.pathSpan(), "no standard module '" + path + "'",
                    "the standard modules are " + String.join(", ", StandardLibrary.MODULES)
                            + "; import a file of your own by its path relative to this one"));
            complete = false;
            return;
        }
        if (loading.contains(path)) {
            List<String> cycle = new ArrayList<>(loading);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(path), cycle.size()));
            cycle.add(path);
            diagnostics.add(Diagnostic.error(i.pathSpan(), "import cycle: " + String.join(" -> ", cycle), cycle.size() == 2
                    ? "a file cannot import itself; remove this import"
                    : "files may not import each other in a circle; move what both need into a third file that both import"));
            return;
        }
        if (sources.containsKey(path)) return;
        if (!standard && !confined(i, path)) return;
        SourceFile source;
        try {
            source = standard ? StandardLibrary.read(path) : reader.read(path);
            if (standard) standardFiles.add(path);
        } catch (ImportRefused e) {
            refuse(i, "cannot import '" + i.path() + "': " + e.getMessage());
            return;
        } catch (IOException | InvalidPathException e) {
            diagnostics.add(Diagnostic.error(i.pathSpan(), "cannot find the imported file '" + i.path() + "' (looked for " + path + ")",
                    "import paths are relative to the folder of the file that imports them"));
            complete = false;
            return;
        }
        if (!standard && !OrchText.looksLikeSource(source.text())) {
            // Quoting a line of it in a diagnostic could print a secret: say what it is, show nothing of it.
            refuse(i, "cannot import '" + i.path() + "': it is not an Orch source (it holds binary data), so nothing of it is shown");
            return;
        }
        sources.put(path, source);
        parse(source);
    }

    /**
     * Whether an import may be read at all: only `.orch` files, inside the script's folder or an `--allow read:PATH`
     * folder. Decided on the path as written, before anything is opened.
     */
    private boolean confined(Decl.Import i, String path) {
        if (!path.endsWith(".orch")) {
            refuse(i, "cannot import '" + i.path() + "': only .orch files can be imported");
            return false;
        }
        if (!scope.contains(path)) {
            refuse(i, "cannot import '" + i.path() + "': it is outside the script's folder " + scope.folder());
            return false;
        }
        return true;
    }

    private void refuse(Decl.Import i, String message) {
        diagnostics.add(Diagnostic.error(i.pathSpan(), message,
                "import files from the script's folder or below it; give --allow read:PATH to import from another folder"));
        complete = false;
    }

    private boolean isStandard(String file) {
        return standardFiles.contains(file);
    }

    /** The imported file's path, relative to the importer's folder, normalised and written with '/'. */
    static String resolve(String importer, String imported) {
        Path base = Path.of(importer).getParent();
        Path target = base == null ? Path.of(imported) : base.resolve(imported);
        return target.normalize().toString().replace('\\', '/');
    }
}
