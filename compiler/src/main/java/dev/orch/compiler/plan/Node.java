package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import java.util.List;
import java.util.Map;

/**
 * One statement of a workflow in the plan. Every node has an {@code id} (its `line:col` in the script), a span and
 * {@code deps}: the ids of the nodes in the same workflow whose results it reads. Blocks list their children's ids
 * in {@code body}. A statement whose value is one agent call is a {@link Call}, so a reviewer sees agent and model.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Node.Call.class, name = "call"),
    @JsonSubTypes.Type(value = Node.Assign.class, name = "assign"),
    @JsonSubTypes.Type(value = Node.Eval.class, name = "eval"),
    @JsonSubTypes.Type(value = Node.Sequence.class, name = "sequence"),
    @JsonSubTypes.Type(value = Node.Parallel.class, name = "parallel"),
    @JsonSubTypes.Type(value = Node.Dag.class, name = "dag"),
    @JsonSubTypes.Type(value = Node.Race.class, name = "race"),
    @JsonSubTypes.Type(value = Node.Retry.class, name = "retry"),
    @JsonSubTypes.Type(value = Node.Timeout.class, name = "timeout"),
    @JsonSubTypes.Type(value = Node.If.class, name = "if"),
    @JsonSubTypes.Type(value = Node.For.class, name = "for"),
    @JsonSubTypes.Type(value = Node.Loop.class, name = "loop"),
    @JsonSubTypes.Type(value = Node.Try.class, name = "try"),
    @JsonSubTypes.Type(value = Node.Phase.class, name = "phase"),
    @JsonSubTypes.Type(value = Node.Print.class, name = "print"),
    @JsonSubTypes.Type(value = Node.Return.class, name = "return"),
    @JsonSubTypes.Type(value = Node.Fail.class, name = "fail"),
    @JsonSubTypes.Type(value = Node.Break.class, name = "break"),
})
public sealed interface Node {
    String id();

    Span span();

    List<String> deps();

    /** `[target =] agent(...)`: the statement's value is exactly one agent call. */
    record Call(String id, Span span, List<String> deps, String target, boolean declaresVar, String agent, String model,
                Expr.Call value) implements Node {}

    /** `target = EXPR` for any other expression; {@code calls} lists the agent and workflow calls inside it. */
    record Assign(String id, Span span, List<String> deps, String target, boolean declaresVar, Expr value,
                  List<CallSite> calls) implements Node {}

    /** A bare expression statement, such as `write("a.md", x)`. */
    record Eval(String id, Span span, List<String> deps, Expr value, List<CallSite> calls) implements Node {}

    record Sequence(String id, Span span, List<String> deps, List<String> body) implements Node {}

    record Parallel(String id, Span span, List<String> deps, Expr max, boolean settle, List<String> body) implements Node {}

    /**
     * {@code waves}: the names each wave's statements assign, or a statement's id when it assigns none.
     * {@code inputs}: for each statement of the body (by id), the ids of the sibling statements it waits for; a
     * statement starts once those have finished, and the ones with no inputs start at once.
     */
    record Dag(String id, Span span, List<String> deps, Expr max, List<String> body, List<List<String>> waves,
               Map<String, List<String>> inputs) implements Node {}

    record Race(String id, Span span, List<String> deps, List<String> body) implements Node {}

    /** {@code on}: the error kinds that are retried; empty means every retryable kind. */
    record Retry(String id, Span span, List<String> deps, Expr attempts, Expr backoff, Expr maxBackoff, boolean jitter,
                 List<String> on, List<String> body) implements Node {}

    record Timeout(String id, Span span, List<String> deps, Expr duration, List<String> body) implements Node {}

    /** {@code otherwise} is null when there is no `else`. */
    record If(String id, Span span, List<String> deps, List<Branch> branches, List<String> otherwise) implements Node {}

    record Branch(Expr condition, List<String> body) {}

    /**
     * {@code where}: the condition an item must meet to be iterated, or null for every item; {@code into}: the name
     * that `ys = for ...` collects the bodies' last values into, or null.
     */
    record For(String id, Span span, List<String> deps, String variable, Expr items,
               @JsonInclude(JsonInclude.Include.NON_NULL) Expr where, boolean parallel, Expr max,
               List<String> body, String into, boolean intoVar) implements Node {}

    /** {@code max} null means the default of 10 iterations. */
    record Loop(String id, Span span, List<String> deps, Expr max, Expr until, List<String> body) implements Node {}

    record Try(String id, Span span, List<String> deps, List<String> body, List<Catch> catches,
               List<List<String>> fallbacks) implements Node {}

    /** {@code kinds} empty catches every kind; {@code as} may be null. */
    record Catch(List<String> kinds, String as, List<String> body) {}

    record Phase(String id, Span span, List<String> deps, String name, List<String> body) implements Node {}

    record Print(String id, Span span, List<String> deps, Expr value) implements Node {}

    /** {@code value} null for a bare `return`. */
    record Return(String id, Span span, List<String> deps, Expr value) implements Node {}

    record Fail(String id, Span span, List<String> deps, Expr message) implements Node {}

    record Break(String id, Span span, List<String> deps) implements Node {}

    /** An agent or workflow called inside an expression: {@code agent} and {@code model}, or {@code workflow}. */
    record CallSite(String agent, String model, String workflow) {}
}
