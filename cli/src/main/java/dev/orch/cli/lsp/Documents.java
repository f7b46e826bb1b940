package dev.orch.cli.lsp;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.ImportScope;
import dev.orch.compiler.load.SourceReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open documents: each one's latest text and its latest analysis. An import of a file that is open reads the
 * editor's text of it, saved or not; other imports come from the disk, confined as `orch check` confines them.
 */
final class Documents {
    private record Open(String text, int version) {}

    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Map<String, Analysis> analyses = new ConcurrentHashMap<>();
    /** The latest analysis of each document whose script parsed: what hover and the rest read during a syntax error. */
    private final Map<String, Analysis> parsed = new ConcurrentHashMap<>();

    void update(String uri, String text, int version) {
        open.put(uri, new Open(text, version));
    }

    void close(String uri) {
        open.remove(uri);
        analyses.remove(uri);
        parsed.remove(uri);
    }

    boolean isOpen(String uri) {
        return open.containsKey(uri);
    }

    String text(String uri) {
        Open o = open.get(uri);
        return o == null ? null : o.text;
    }

    /** The analysis of the document's latest text, compiling it now if that has not been done yet. */
    Analysis latest(String uri) {
        Open o = open.get(uri);
        if (o == null) return null;
        Analysis a = analyses.get(uri);
        if (a != null && a.version == o.version && a.source.text().equals(o.text)) return a;
        return analyze(uri);
    }

    /** The latest analysis that has a program to read: the current one, or the last before a syntax error. */
    Analysis indexed(String uri) {
        Analysis a = latest(uri);
        if (a == null || a.parsed()) return a;
        Analysis before = parsed.get(uri);
        return before != null ? before : a;
    }

    /** Compiles the document's current text as `orch check` does (the script and its tests). */
    synchronized Analysis analyze(String uri) {
        Open o = open.get(uri);
        if (o == null) return null;
        Analysis done = analyses.get(uri);
        if (done != null && done.version == o.version && done.source.text().equals(o.text)) return done;
        SourceFile source = new SourceFile(path(uri), normalized(o.text));
        ImportScope scope = ImportScope.of(source.path(), List.of());
        SourceReader disk = scope.disk();
        SourceReader imports = path -> {
            String text = text(uri(path));
            return text != null ? new SourceFile(path, normalized(text)) : disk.read(path);
        };
        Analysis a = new Analysis(uri, o.version, source, Compiler.compileWithTests(source, CompileOptions.CHECK, imports));
        analyses.put(uri, a);
        if (a.parsed()) parsed.put(uri, a);
        return a;
    }

    /** A file's path for a document's URI; a URI that is not a file (an unsaved buffer) keeps its own text. */
    static String path(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u).toString();
        } catch (IllegalArgumentException e) {
            // not a URI the JDK reads: report it under its own text
        }
        return uri;
    }

    /** The URI of a path the compiler reports: the open document's own URI when one names that file. */
    String uri(String path) {
        for (String uri : open.keySet()) if (path(uri).equals(path)) return uri;
        return path.startsWith("/") ? Path.of(path).toUri().toString() : path;
    }

    /** As a file read from the disk is: a lone CR is a line break, so lines count as the editor counts them. */
    private static String normalized(String text) {
        return text.indexOf('\r') >= 0 ? text.replaceAll("\r(?!\n)", "\n") : text;
    }
}
