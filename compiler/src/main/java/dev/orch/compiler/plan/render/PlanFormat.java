package dev.orch.compiler.plan.render;

import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;

/** The ways `orch plan` shows a plan. */
public enum PlanFormat {
    TEXT, JSON, MERMAID, DOT;

    public String render(Plan plan) {
        return switch (this) {
            case TEXT -> PlanText.render(plan);
            case JSON -> PlanJson.write(plan) + "\n";
            case MERMAID -> PlanGraph.mermaid(plan);
            case DOT -> PlanGraph.dot(plan);
        };
    }
}
