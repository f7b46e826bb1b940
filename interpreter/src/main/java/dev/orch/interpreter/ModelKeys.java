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
    public static List<ModelSpec> called(Plan plan) {
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
        if (node instanceof Node.Call n) return Stream.of(n.value());
        if (node instanceof Node.Assign n) return Stream.of(n.value());
        if (node instanceof Node.Eval n) return Stream.of(n.value());
        if (node instanceof Node.If n) return n.branches().stream().map(Node.Branch::condition);
        if (node instanceof Node.For n) return Stream.concat(Stream.of(n.items()), Stream.ofNullable(n.where()));
        if (node instanceof Node.Loop n) return Stream.ofNullable(n.until());
        if (node instanceof Node.Print n) return Stream.of(n.value());
        if (node instanceof Node.Return n) return Stream.ofNullable(n.value());
        if (node instanceof Node.Fail n) return Stream.of(n.message());
        if (node instanceof Node.Expect n) {
            return Stream.of(n.condition(), n.message()).filter(java.util.Objects::nonNull);
        }
        return Stream.empty();
    }
}
