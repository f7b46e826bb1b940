package dev.orch.cli.repl;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.compiler.plan.render.PlanText;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jline.terminal.Terminal;

/** One input at a time, an entry or a `:` command, whichever way it was read (a terminal or a pipe). */
public final class Repl {
    static final String GREETING = "Orch REPL: type statements or declarations; :help lists the commands, Ctrl-D leaves.";

    private final Session session;
    private final Path folder;
    private final PrintWriter out;
    private final PrintWriter err;
    private boolean quit;
    private boolean anyFailed;

    Repl(Session session, Path folder, PrintWriter out, PrintWriter err) {
        this.session = session;
        this.folder = folder;
        this.out = out;
        this.err = err;
    }

    /** `orch repl` reading a pipe: {@code file}'s declarations first (null: none); exit 2 when it does not load, 1 when an entry failed. */
    public static int piped(Set<String> allowed, Path folder, Path file, BufferedReader in, PrintWriter out, PrintWriter err)
            throws IOException {
        Repl repl = new Repl(new Session(new LinkedHashSet<>(allowed), folder, out, err), folder, out, err);
        if (file != null && !repl.accept(":load " + file)) return 2;
        PipedLoop.run(in, repl);
        return repl.anyFailed() ? 1 : 0;
    }

    /** `orch repl` on a terminal, until Ctrl-D or :quit; {@code history}: the file that keeps the entries. */
    public static void onTerminal(Set<String> allowed, Path folder, Path file, Terminal terminal, Path history,
                                  PrintWriter out, PrintWriter err) {
        Repl repl = new Repl(new Session(new LinkedHashSet<>(allowed), folder, out, err), folder, out, err);
        if (file != null) repl.accept(":load " + file);
        TerminalLoop.run(terminal, repl, history);
    }

    Session session() {
        return session;
    }

    boolean quit() {
        return quit;
    }

    boolean anyFailed() {
        return anyFailed;
    }

    /** Handles one complete input; returns whether it succeeded. */
    boolean accept(String input) {
        String trimmed = input.strip();
        boolean ok = trimmed.startsWith(":") ? command(trimmed) : session.eval(input);
        if (!ok) anyFailed = true;
        out.flush();
        err.flush();
        return ok;
    }

    private boolean command(String line) {
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        Command c = Command.find(words[0]);
        if (c == null) {
            err.println("unknown command " + words[0] + "; :help lists the commands");
            return false;
        }
        switch (c) {
            case HELP -> help();
            case LOAD -> {
                if (argument.isEmpty()) return usage(c);
                return session.load(Path.of(argument));
            }
            case PLAN -> {
                return plan(argument);
            }
            case NAMES -> {
                if (session.names().isEmpty()) out.println("(no names yet)");
                for (Map.Entry<String, Value> n : session.names().entrySet()) {
                    out.println(n.getKey() + " = " + preview(n.getValue()));
                }
            }
            case MODELS -> list("model");
            case AGENTS -> list("agent");
            case TRACE -> {
                if (!argument.equals("on") && !argument.equals("off")) return usage(c);
                session.trace(argument.equals("on"));
                err.println("trace " + argument);
            }
            case RESET -> {
                session.reset();
                err.println("every declaration and name is forgotten");
            }
            case QUIT -> quit = true;
        }
        return true;
    }

    private boolean usage(Command c) {
        err.println("usage: " + c.word + " " + c.argument);
        return false;
    }

    private void help() {
        out.println("Type a statement to run it at once, or a declaration (model, agent, breaker, budget, workflow,");
        out.println("import) to add it. Names you assign stay for the next entries; an open { ( [ or \"\"\" continues");
        out.println("the entry on the next line. Ctrl-C cancels a running entry, Ctrl-D leaves.");
        for (Command c : Command.values()) {
            out.printf("  %-20s %s%n", c.word + (c.argument.isEmpty() ? "" : " " + c.argument), c.summary);
        }
    }

    private void list(String kind) {
        List<Declared> found = session.declarations().values().stream().filter(d -> d.kind().equals(kind)).toList();
        if (found.isEmpty()) out.println("(no " + kind + "s declared)");
        for (Declared d : found) out.println(d.text().strip());
    }

    private static String preview(Value v) {
        String shown = Values.show(v).replace("\n", "\\n");
        String type = Values.typeName(v);
        return (shown.length() > 70 ? shown.substring(0, 67) + "..." : shown) + "   (" + type + ")";
    }

    private boolean plan(String workflow) {
        if (workflow.isEmpty()) {
            Plan plan = session.lastPlan();
            if (plan == null) {
                err.println("no entry has run yet; :plan WORKFLOW shows a declared workflow's plan");
                return false;
            }
            out.print(entryPlan(only(plan, "main"), session.lastSource()));
            return true;
        }
        Plan plan = session.planOf(workflow);
        if (plan == null) {
            String known = session.declarations().values().stream().filter(d -> d.kind().equals("workflow"))
                    .map(Declared::name).collect(Collectors.joining(", "));
            err.println("no workflow '" + workflow + "'" + (known.isEmpty() ? "; none is declared" : "; declared: " + known));
            return false;
        }
        String text = PlanText.render(only(plan, workflow));
        int end = text.indexOf("\nestimate for the run");
        out.print(text.substring(text.indexOf('\n') + 1, end < 0 ? text.length() : end + 1));
        return true;
    }

    private static Plan only(Plan plan, String workflow) {
        WorkflowPlan w = plan.workflow(workflow);
        return new Plan(plan.version(), plan.source(), List.of(), List.of(), List.of(), null, List.of(w), plan.estimate(),
                plan.criticalPath(), List.of(), plan.types());
    }

    /**
     * The plan text with the entry's own line numbers, without the REPL's synthetic workflow header and the
     * statements that carry the earlier names in (a dependency on them is a dependency on an earlier entry).
     */
    private static String entryPlan(Plan plan, EntrySource source) {
        StringBuilder out = new StringBuilder("plan of the last entry\n");
        List<String> lines = PlanText.render(plan).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("workflow main(")) continue;
            Matcher id = LEADING_ID.matcher(line);
            if (id.find() && Integer.parseInt(id.group(1)) <= source.offset()) continue;
            String shifted = source.shift(line, "^\\s*");
            int arrow = shifted.lastIndexOf("   <- ");
            if (arrow >= 0) {
                List<String> deps = Arrays.stream(shifted.substring(arrow + 6).split(", "))
                        .filter(d -> !d.contains(":") || Integer.parseInt(d.substring(0, d.indexOf(':'))) > source.offset())
                        .map(d -> source.shift(d, "^")).toList();
                shifted = shifted.substring(0, arrow) + (deps.isEmpty() ? "" : "   <- " + String.join(", ", deps));
            }
            if (shifted.startsWith("critical path:")) shifted = source.shift(shifted, ": |-> ");
            shifted = shifted.replace("estimate for the run (workflow main)", "estimate for the entry");
            out.append(shifted).append('\n');
        }
        return out.toString();
    }

    private static final Pattern LEADING_ID = Pattern.compile("^\\s*(\\d+):\\d+\\s");
}
