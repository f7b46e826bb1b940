package dev.orch.interpreter;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.GeneratedScript;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.List;
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
        String source = args.isEmpty() ? null : Values.text(args.get(0));
        if (source == null) {
            throw RunError.of(ErrorKind.FAIL, "run() takes Orch source as text first, not a "
                    + (args.isEmpty() ? "nothing" : Values.typeName(args.get(0))), task, call.span(), c.attempt());
        }
        Compilation compiled = GeneratedScript.compile(source, caller, CompileOptions.run(allowed));
        if (compiled.hasErrors() || compiled.plan() == null) {
            String diagnostics = compiled.hasErrors() ? compiled.render()
                    : GeneratedScript.FILE + ": error: there is no workflow main to run\nhint: add the entry point: workflow main() { ... }\n";
            throw RunError.of(ErrorKind.BAD_OUTPUT, "the generated script does not compile (" + compiled.errorCount()
                    + " error" + (compiled.errorCount() == 1 ? "" : "s") + "):\n" + diagnostics.stripTrailing(), task, call.span(), c.attempt());
        }
        return new Compiled(compiled.plan(), compiled.plan().workflow("main"), args.subList(1, args.size()));
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
