package dev.orch.cli.repl;

import dev.orch.cli.render.LiveProgress;
import dev.orch.cli.render.Progress;
import dev.orch.cli.render.RunErrorText;
import dev.orch.cli.render.ScriptOutput;
import dev.orch.cli.terminal.TerminalPerson;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Program;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.Person;
import dev.orch.interpreter.RunEnd;
import dev.orch.interpreter.RunError;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.antlr.v4.runtime.Token;
import org.jline.terminal.Terminal;

/**
 * The REPL's state and its one operation: take an entry, compile it with the same checker as `orch check`, run it
 * with the same interpreter as `orch run`, and keep what it declared or assigned.
 *
 * <p>The session holds the declarations as source text and the values of the names bound so far. A declaration
 * entry is compiled with the declarations it adds or replaces. A statement entry becomes the body of a synthetic
 * {@code workflow main(__a, __b)} whose first line re-declares each earlier name as {@code var a = __a}, the values
 * passed as arguments; the names main's scope holds when the entry ends are the session's names for the next one.
 * So a later entry may read, update (`a = a + 1`) or rebind (`a = "new"`) an earlier name.
 */
final class Session {
    private final Map<String, Declared> declarations = new LinkedHashMap<>();
    private final Map<String, Value> names = new LinkedHashMap<>();
    private final Set<String> allowed;
    private final Path folder;
    private final PrintWriter out;
    private final PrintWriter err;
    private boolean trace;
    private Terminal terminal;
    private Plan lastPlan;
    private EntrySource lastSource;
    private int entries;
    private Person person = Person.NOBODY;

    Session(Set<String> allowed, Path folder, PrintWriter out, PrintWriter err) {
        this.allowed = Set.copyOf(allowed);
        this.folder = folder;
        this.out = out;
        this.err = err;
    }

    /** An `ask` in an entry is answered by typing at {@code lines} (the REPL's line reader on a terminal). */
    void answering(TerminalPerson.Lines lines) {
        this.person = new TerminalPerson(lines, err);
    }

    /** Compiles and runs one entry; false when it had errors or its run failed. */
    boolean eval(String text) {
        if (text.isBlank() || Tokens.first(text) == null) return true;
        entries++;
        Token open = Tokens.unclosed(text);
        if (open != null) {
            // Only at the end of piped input: on a terminal such an entry continues on the next line.
            SourceFile entry = new SourceFile(EntrySource.ENTRY, text);
            err.print(new DiagnosticRenderer(entry).render(Diagnostic.error(
                    new Span(EntrySource.ENTRY, open.getLine(), open.getCharPositionInLine() + 1, open.getText().length()),
                    "the input ended before this " + open.getText().strip() + " was closed", "close it where the entry ends")));
            return false;
        }
        return Tokens.declares(text) ? declare(text) : run(text);
    }

    // ---- declarations ----

    private boolean declare(String text) {
        SourceFile entry = new SourceFile(EntrySource.ENTRY, text);
        SourceParser.Result parsed = SourceParser.parse(entry);
        if (!parsed.ok()) {
            err.print(new DiagnosticRenderer(entry).render(parsed.diagnostics()));
            return false;
        }
        List<Declared> added = new ArrayList<>();
        for (Decl d : parsed.program().declarations()) {
            if (d instanceof Decl.Workflow w && w.name().equals("main")) {
                err.print(new DiagnosticRenderer(entry).render(Diagnostic.error(w.nameSpan(),
                        "in the REPL, statements you type are the body of main",
                        "give the workflow another name and call it, or type its statements directly")));
                return false;
            }
            added.add(slice(d, parsed.program().declarations(), entry, null));
        }
        Map<String, Declared> next = new LinkedHashMap<>(declarations);
        for (Declared d : added) next.remove(d.key());
        // The entry goes first, at its own line numbers, so its diagnostics need no mapping.
        StringBuilder synthetic = new StringBuilder(text).append('\n');
        for (Declared d : next.values()) synthetic.append(d.text()).append('\n');
        synthetic.append("workflow main() {\n}\n"); // `orch run`'s checks want an entry point
        EntrySource source = new EntrySource(new SourceFile(EntrySource.SYNTHETIC, synthetic.toString()), entry, 0);
        Compilation c = Compiler.compile(source.synthetic(), CompileOptions.repl(allowed));
        if (!report(c, source)) return false;
        for (Declared d : added) {
            next.put(d.key(), d);
            names.remove(d.name());
        }
        declarations.clear();
        declarations.putAll(next);
        return true;
    }

    /**
     * A declaration's text, from its first character to the start of the next declaration. An import from a
     * loaded file gets its path resolved against that file's folder, since the session's source lives elsewhere.
     */
    private static Declared slice(Decl d, List<Decl> all, SourceFile file, Path loadedFrom) {
        String text = file.text();
        int start = offset(text, d.span());
        int end = text.length();
        int index = all.indexOf(d);
        if (index + 1 < all.size()) end = offset(text, all.get(index + 1).span());
        String body = " ".repeat(d.span().col() - 1) + text.substring(start, end).stripTrailing();
        int line = d.span().line();
        return switch (d) {
            case Decl.Model m -> new Declared("model", m.name(), body, line);
            case Decl.Agent a -> new Declared("agent", a.name(), body, line);
            case Decl.Breaker b -> new Declared("breaker", b.name(), body, line);
            case Decl.Budget b -> new Declared("budget", "budget", body, line);
            case Decl.Mcp m -> new Declared("mcp", m.name(), body, line);
            case Decl.Workflow w -> new Declared("workflow", w.name(), body, line);
            case Decl.Type t -> new Declared("type", t.name(), body, line);
            case Decl.Import i -> {
                String path = loadedFrom == null || loadedFrom.getParent() == null ? i.path()
                        : loadedFrom.getParent().resolve(i.path()).toString();
                yield new Declared("import", path, "import \"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", line);
            }
        };
    }

    private static int offset(String text, Span s) {
        int at = 0;
        for (int l = 1; l < s.line(); l++) at = text.indexOf('\n', at) + 1;
        return at + s.col() - 1;
    }

    /** `:load FILE`: the script is checked as it is, then its declarations (all but main) join the session. */
    boolean load(Path file) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("orch: " + file + ": cannot read: " + (Files.exists(file) ? e.getMessage() : "no such file"));
            return false;
        }
        Compilation c = Compiler.compile(source, CompileOptions.repl(allowed));
        List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            err.print(new DiagnosticRenderer(c.sources()::get).render(errors));
            err.println(DiagnosticRenderer.summary(errors.size(), 0) + "; nothing was loaded");
            return false;
        }
        Program program = c.programs().get(0);
        List<String> loaded = new ArrayList<>();
        for (Decl d : program.declarations()) {
            if (d instanceof Decl.Workflow w && w.name().equals("main")) {
                err.println("(workflow main is not loaded: type its statements, or call them from a workflow of your own)");
                continue;
            }
            Declared declared = slice(d, program.declarations(), source, file.toAbsolutePath());
            declarations.remove(declared.key());
            declarations.put(declared.key(), declared);
            names.remove(declared.name());
            loaded.add(declared.kind().equals("budget") ? "budget" : declared.kind() + " " + declared.name());
        }
        err.println("loaded " + file + ": " + (loaded.isEmpty() ? "no declarations" : String.join(", ", loaded)));
        return true;
    }

    // ---- statements ----

    private boolean run(String text) {
        SourceFile entry = new SourceFile(EntrySource.ENTRY, text);
        List<String> fresh = Tokens.varNames(text);
        StringBuilder header = new StringBuilder("workflow main(");
        StringBuilder prelude = new StringBuilder();
        Map<String, Value> args = new LinkedHashMap<>();
        for (Map.Entry<String, Value> n : names.entrySet()) {
            if (fresh.contains(n.getKey())) continue;
            String param = "__" + n.getKey();
            if (!args.isEmpty()) header.append(", ");
            header.append(param);
            prelude.append(" var ").append(n.getKey()).append(" = ").append(param).append(';');
            args.put(param, n.getValue());
        }
        StringBuilder synthetic = new StringBuilder(header).append(") {").append(prelude).append('\n')
                .append(text).append("\n}\n");
        for (Declared d : declarations.values()) synthetic.append(d.text()).append('\n');
        EntrySource source = new EntrySource(new SourceFile(EntrySource.SYNTHETIC, synthetic.toString()), entry, 1);
        Compilation c = Compiler.compile(source.synthetic(), CompileOptions.repl(allowed));
        if (!report(c, source)) return false;
        lastPlan = c.plan();
        lastSource = source;

        // Progress names tasks by their place in the entry, as the entry's diagnostics do.
        // On a terminal without :trace, a call still in flight after a second shows as a live line (a sign of life).
        LiveProgress live = !trace && terminal != null ? LiveProgress.forEntry(terminal, task -> source.shift(task, "main/")) : null;
        RunListener listener = trace ? new Progress(err, task -> source.shift(task, "main/")) : live != null ? live : RunListener.NONE;
        PrintStream printed = live != null ? live.around(out) : ScriptOutput.onto(out);
        RunOptions options = new RunOptions(folder, allowedPaths(), printed, listener, "repl-" + entries, null)
                .withAllowed(allowed).withPerson(live == null ? person : person.around(live::pause, live::resume)); // the live line steps aside
        RunEnd end;
        try {
            end = Interpreter.runKeepingNames(c.plan(), "main", args, options, Journal.NONE);
        } finally {
            listener.close();
            Thread.interrupted(); // a Ctrl-C that came as the run ended must not stop the next entry
        }
        if (!end.result().ok()) {
            RunError e = end.result().error();
            if (e.kind() == ErrorKind.CANCELLED) {
                err.println("cancelled: the entry was stopped; names are as they were before it");
            } else {
                Map<String, SourceFile> sources = new LinkedHashMap<>(c.sources());
                sources.put(EntrySource.ENTRY, entry);
                err.print(RunErrorText.of(mapped(e, source), sources));
            }
            return false;
        }
        names.clear();
        new TreeMap<>(end.names()).forEach((name, value) -> {
            if (!name.startsWith("__")) names.put(name, value);
        });
        Value shown = end.result().result() != null ? end.result().result() : lastIsExpression(c) ? end.last() : null;
        if (shown != null && !(shown instanceof Value.Null)) out.println(Values.show(shown));
        out.flush();
        return true;
    }

    private static boolean lastIsExpression(Compilation c) {
        for (Program p : c.programs()) {
            for (Decl.Workflow w : p.all(Decl.Workflow.class)) {
                if (w.name().equals("main") && p.file().equals(EntrySource.SYNTHETIC)) {
                    List<Stmt> body = w.body().statements();
                    return !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Eval;
                }
            }
        }
        return false;
    }

    private static RunError mapped(RunError e, EntrySource source) {
        List<RunError> causes = e.causes().stream().map(cause -> mapped(cause, source)).toList();
        return new RunError(e.kind(), source.shift(e.getMessage(), " at "), source.shift(e.task(), "main/"),
                source.map(e.span()), e.attempts(), e.retryAfter(), causes);
    }

    /**
     * Prints the entry's diagnostics in its own lines; false when there were errors. Warnings that a name or an
     * agent is never used are left out: in a REPL the next entry is what uses them.
     */
    private boolean report(Compilation c, EntrySource source) {
        List<Diagnostic> shown = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (Diagnostic d : c.diagnostics()) {
            if (!d.isError() && (d.message().contains("never used") || !source.inEntry(d.span()))) continue;
            if (d.span().file().equals(EntrySource.SYNTHETIC) && !source.inEntry(d.span())) {
                elsewhere.add("repl: " + d.severity().label() + ": " + d.message()
                        + (d.hint() == null ? "" : "\nhint: " + d.hint()));
                continue;
            }
            // The entry has no parameters to add, whatever the checker suggests for a script's main.
            String hint = d.hint() == null ? null : d.hint().replaceAll(", add a parameter \\(workflow main\\([^)]*\\)\\)", "");
            shown.add(new Diagnostic(d.severity(), source.map(d.span()), source.shift(d.message(), " at "), hint));
        }
        Map<String, SourceFile> sources = new LinkedHashMap<>(c.sources());
        sources.put(EntrySource.ENTRY, source.entry());
        if (!shown.isEmpty()) err.print(new DiagnosticRenderer(sources::get).render(shown));
        for (String e : elsewhere) err.println(e);
        return !c.hasErrors();
    }

    private List<Path> allowedPaths() {
        return allowed.stream().filter(a -> a.startsWith("write:")).map(a -> folder.resolve(a.substring(6))).toList();
    }

    // ---- what the commands read ----

    Plan lastPlan() {
        return lastPlan;
    }

    EntrySource lastSource() {
        return lastSource;
    }

    Map<String, Value> names() {
        return names;
    }

    Map<String, Declared> declarations() {
        return declarations;
    }

    void trace(boolean on) {
        trace = on;
    }

    /** Set by the terminal loop: entries then show calls that take long while they run. */
    void onTerminal(Terminal on) {
        terminal = on;
    }

    void reset() {
        declarations.clear();
        names.clear();
        lastPlan = null;
        lastSource = null;
    }

    /** A plan of the declarations alone with a stub main, the named workflow placed at the lines it was written. */
    Plan planOf(String workflow) {
        Declared d = declarations.get(workflow);
        if (d == null || !d.kind().equals("workflow")) return null;
        StringBuilder synthetic = new StringBuilder("\n".repeat(Math.max(0, d.line() - 1))).append(d.text()).append('\n');
        for (Declared other : declarations.values()) if (other != d) synthetic.append(other.text()).append('\n');
        synthetic.append("workflow main() {\n}\n");
        return Compiler.compile(new SourceFile(EntrySource.ENTRY, synthetic.toString()), CompileOptions.repl(allowed)).plan();
    }
}
