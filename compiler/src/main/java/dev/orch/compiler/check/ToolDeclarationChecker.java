package dev.orch.compiler.check;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.diag.Diagnostics;

/**
 * `tool NAME(PARAMS) -> T "what it does" { ... }`: what the model is told must be there and must be expressible.
 * A tool says what it does (the model reads it to choose) and each parameter has a type, from which its JSON schema
 * is made ({@link dev.orch.compiler.lang.JsonSchema}: every type has one, a `duration` as milliseconds). The body is
 * checked as any workflow's.
 */
final class ToolDeclarationChecker {
    private final Declarations declarations;
    private final Diagnostics diagnostics;

    ToolDeclarationChecker(Declarations declarations, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.diagnostics = diagnostics;
    }

    void check() {
        for (Decl.Workflow w : declarations.workflows()) {
            if (w.isTool()) tool(w);
        }
    }

    private void tool(Decl.Workflow w) {
        if (w.tool().description() == null) {
            diagnostics.error(w.nameSpan(), "tool '" + w.name() + "' does not say what it does",
                    "the model reads a description to decide when to call it: tool " + w.name() + "(...) \"Runs the tests\" { ... }");
        } else if (w.tool().description().isBlank()) {
            diagnostics.error(w.tool().descriptionSpan(), "tool '" + w.name() + "' has an empty description",
                    "say what it does and what it returns, for the model that decides when to call it");
        }
        for (Decl.Param p : w.params()) {
            if (p.type() == null) {
                diagnostics.error(p.span(), "parameter '" + p.name() + "' of tool '" + w.name() + "' has no type",
                        "the model is told each parameter's type: " + p.name() + ": text \"what it is\"");
            }
        }
    }
}
