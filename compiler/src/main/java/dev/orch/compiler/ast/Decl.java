package dev.orch.compiler.ast;

import java.util.List;

/** A top-level declaration. */
public sealed interface Decl {
    Span span();

    record Import(Span span, String path, Span pathSpan) implements Decl {}

    /** `model fast = mock(latency: 20ms)`: positional arguments (the model id) and options. */
    record Model(Span span, String name, Span nameSpan, String provider, Span providerSpan, List<Expr> args,
                 List<Expr.Option> options) implements Decl {}

    record Breaker(Span span, String name, Span nameSpan, List<Entry> entries) implements Decl {}

    record Budget(Span span, List<Entry> entries) implements Decl {}

    /** `agent NAME { ... }`; {@code output} is the type of `output: T`, or null. */
    record Agent(Span span, String name, Span nameSpan, String parent, Span parentSpan, List<Entry> entries,
                 TypeExpr output, Span outputSpan) implements Decl {}

    /**
     * `workflow NAME(PARAMS) -> T { }`; {@code returns} is null without `-> T`. A `tool NAME(PARAMS) -> T "what it does"
     * { }` is a workflow that a model may call: {@code tool} says so (null for a plain workflow).
     */
    record Workflow(Span span, String name, Span nameSpan, List<Param> params, TypeExpr returns, Block body, Tool tool)
            implements Decl {
        public Workflow(Span span, String name, Span nameSpan, List<Param> params, TypeExpr returns, Block body) {
            this(span, name, nameSpan, params, returns, body, null);
        }

        public boolean isTool() {
            return tool != null;
        }
    }

    /** What makes a workflow a tool: the description the model reads (null when the source has none) and its span. */
    record Tool(String description, Span descriptionSpan) {}

    /** `type NAME { field: T, ... }`. */
    record Type(Span span, String name, Span nameSpan, TypeExpr.Obj body) implements Decl {}

    /** `mcp files { command: "npx", args: [...] }` (a stdio server) or `mcp docs { url: "..." }` (Streamable HTTP). */
    record Mcp(Span span, String name, Span nameSpan, List<Entry> entries) implements Decl {}

    /** `name: type "description" = default`; type, description (a tool's parameter's) and default may be absent. */
    record Param(String name, Span span, TypeExpr type, Expr defaultValue, String description) {
        public Param(String name, Span span, TypeExpr type, Expr defaultValue) {
            this(name, span, type, defaultValue, null);
        }
    }
}
