package dev.orch.cli.lsp;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;

/**
 * A "plan" lens above each workflow: its estimate (calls, worst-case tokens and cost) as the title, and the command
 * {@value #COMMAND} that shows the script's plan as `orch plan` prints it.
 */
final class PlanLenses {
    static final String COMMAND = "orch.plan";

    private PlanLenses() {}

    static List<CodeLens> of(Analysis analysis) {
        if (!analysis.parsed()) return List.of();
        Plan plan = analysis.compilation.plan();
        List<CodeLens> out = new ArrayList<>();
        for (Decl.Workflow w : analysis.script().all(Decl.Workflow.class)) {
            if (w.isTool()) continue;
            WorkflowPlan planned = plan == null ? null : plan.workflow(w.name());
            String title = planned == null || planned.estimate() == null ? "plan: fix the errors to see it"
                    : "plan: " + Hovers.estimate(planned.estimate());
            out.add(new CodeLens(analysis.lines.range(w.nameSpan()), new Command(title, COMMAND, List.of(analysis.uri, w.name())), null));
        }
        return out;
    }
}
