package dev.orch.interpreter;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.GeneratedScript;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.compiler.plan.render.PlanText;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `run(source, args...)`, the meta-agent pattern: the text (typically an agent's reply) is compiled with the same
 * checks as a script, seeing the caller's models, agents and breakers, and its `main` is then called with the
 * remaining arguments, under the caller's budget, breakers and `--allow` grants. Text that does not compile is a
 * `bad_output` error whose message holds the rendered diagnostics, so `retry` can ask the agent again and a
 * `catch bad_output as e` can feed `e.message` back into the prompt.
 */
final class GeneratedRun {
    record Compiled(Plan plan, WorkflowPlan main, List<Value> args) {}

    private GeneratedRun() {}

    static Compiled compile(Plan caller, Set<String> allowed, List<Value> args, Expr.Call call, Ctx c, String task) {
        Plan plan = compiled("run", caller, allowed, source("run", args, call, c, task), call, c, task);
        return new Compiled(plan, plan.workflow("main"), args.subList(1, args.size()));
    }

    /**
     * `diagnose(source)`: what the compiler says of the text, as `run()` would compile it, without running it: a list
     * of `{severity, line, col, message, hint}` maps (hint null when there is none), in source order; empty when it
     * compiles cleanly. A text without `workflow main` gets the error `run()` would give.
     */
    static Value diagnose(Plan caller, Set<String> allowed, List<Value> args, Expr.Call call, Ctx c, String task) {
        Compilation compiled = GeneratedScript.compile(source("diagnose", args, call, c, task), caller, CompileOptions.run(allowed));
        List<Value> out = new ArrayList<>();
        for (Diagnostic d : compiled.diagnostics()) {
            out.add(diagnostic(d.isError() ? "error" : "warning", d.span().line(), d.span().col(), d.message(), d.hint()));
        }
        if (!compiled.hasErrors() && compiled.plan() == null) {
            out.add(diagnostic("error", 1, 1, "there is no workflow main to run", "add the entry point: workflow main() { ... }"));
        }
        return new Value.ListOf(out);
    }

    /**
     * `estimate(source)`: the plan of the text without running it, `{calls_max, tokens_max, cost_max, text}` (text is
     * what `orch plan` prints). Text that does not compile is `bad_output`, as for `run()`.
     */
    static Value estimate(Plan caller, Set<String> allowed, List<Value> args, Expr.Call call, Ctx c, String task) {
        Plan plan = compiled("estimate", caller, allowed, source("estimate", args, call, c, task), call, c, task);
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("calls_max", new Value.Num(plan.estimate().callsMax()));
        m.put("tokens_max", new Value.Num(plan.estimate().tokensMax()));
        m.put("cost_max", new Value.Num(plan.estimate().costMax()));
        m.put("text", new Value.Text(PlanText.render(plan)));
        return new Value.MapOf(m);
    }

    private static Value diagnostic(String severity, int line, int col, String message, String hint) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("severity", new Value.Text(severity));
        m.put("line", new Value.Num(line));
        m.put("col", new Value.Num(col));
        m.put("message", new Value.Text(message));
        m.put("hint", hint == null ? Value.NULL : new Value.Text(hint));
        return new Value.MapOf(m);
    }

    private static String source(String builtin, List<Value> args, Expr.Call call, Ctx c, String task) {
        String source = args.isEmpty() ? null : Values.text(args.get(0));
        if (source == null) {
            throw RunError.of(ErrorKind.FAIL, builtin + "() takes Orch source as text" + (builtin.equals("run") ? " first" : "") + ", not a "
                    + (args.isEmpty() ? "nothing" : Values.typeName(args.get(0))), task, call.span(), c.attempt());
        }
        return source;
    }

    /** The plan of generated source, or the `bad_output` error that `retry` and `catch` see. */
    private static Plan compiled(String builtin, Plan caller, Set<String> allowed, String source, Expr.Call call, Ctx c, String task) {
        Compilation compiled = GeneratedScript.compile(source, caller, CompileOptions.run(allowed));
        if (compiled.hasErrors() || compiled.plan() == null) {
            String diagnostics = compiled.hasErrors() ? compiled.render()
                    : GeneratedScript.FILE + ": error: there is no workflow main to run\nhint: add the entry point: workflow main() { ... }\n";
            throw RunError.of(ErrorKind.BAD_OUTPUT, "the generated script does not compile (" + compiled.errorCount()
                    + " error" + (compiled.errorCount() == 1 ? "" : "s") + "):\n" + diagnostics.stripTrailing(), task, call.span(), c.attempt());
        }
        return compiled.plan();
    }

    /**
     * An error raised inside the generated source is reported at the `run()` call that ran it, since the generated
     * text is in no file the user can open; its own position leads the message.
     */
    static RunError atCall(RunError e, Expr.Call call) {
        if (e.span() == null || !GeneratedScript.FILE.equals(e.span().file())) return e;
        String where = GeneratedScript.FILE + ":" + e.span().line() + ":" + e.span().col() + ": ";
        return new RunError(e.kind(), where + e.getMessage(), e.task(), call.span(), e.attempts(), e.retryAfter(), e.causes()).withResults(e.results());
    }
}
