package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.WorkflowPlan;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.ProviderFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The check `orch run` makes before anything runs: every model the plan calls (through an agent, a call's `model:`
 * option or `summarize`) has the API key it needs. A model the script declares but never calls needs none.
 * Messages name the environment variable, never a key.
 */
public final class ModelKeys {
    private ModelKeys() {}

    public static List<String> missing(Plan plan, Env env) {
        List<String> problems = new ArrayList<>();
        for (ModelSpec m : called(plan)) ProviderFactory.problem(m, env).ifPresent(problems::add);
        return problems;
    }

    /** The models the plan's workflows call, in the order the plan declares them. */
    static List<ModelSpec> called(Plan plan) {
        Set<String> names = new LinkedHashSet<>();
        for (WorkflowPlan w : plan.workflows()) {
            for (Node n : w.nodes()) {
                expressions(n).forEach(e -> AstWalk.calls(e, c -> {
                    AgentSpec agent = plan.agent(c.callee());
                    if (agent != null && agent.model() != null) names.add(agent.model());
                    if (c.option("model") instanceof Expr.Name chosen) names.add(chosen.name());
                }));
            }
        }
        return plan.models().stream().filter(m -> names.contains(m.name())).toList();
    }

    private static Stream<Expr> expressions(Node node) {
        return switch (node) {
            case Node.Call n -> Stream.of(n.value());
            case Node.Assign n -> Stream.of(n.value());
            case Node.Eval n -> Stream.of(n.value());
            case Node.If n -> n.branches().stream().map(Node.Branch::condition);
            case Node.For n -> Stream.concat(Stream.of(n.items()), Stream.ofNullable(n.where()));
            case Node.Loop n -> Stream.ofNullable(n.until());
            case Node.Print n -> Stream.of(n.value());
            case Node.Return n -> Stream.ofNullable(n.value());
            case Node.Fail n -> Stream.of(n.message());
            default -> Stream.empty();
        };
    }
}
