package dev.orch.compiler.check;

import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.test.TestProgram;

/**
 * Agents and workflows that nothing calls (warnings). Models and breakers are not reported: keeping a spare one to
 * switch to (`model: fast` or `model: smart`) is normal configuration, as LANGUAGE.md's first script does. Only the
 * script's own declarations are reported, never an import's (a library offers more than one script uses), and only
 * when the script has a `main` workflow: a file without one is a library, checked on its own. A script that calls
 * `run()` may hand its agents to generated source, which no check can see, so its agents are not reported.
 */
final class UnusedDeclarations {
    private final Declarations declarations;
    private final Usage usage;
    private final Diagnostics diagnostics;

    UnusedDeclarations(Declarations declarations, Usage usage, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.usage = usage;
        this.diagnostics = diagnostics;
    }

    void check() {
        if (declarations.find("main", Declarations.Kind.WORKFLOW) == null) return;
        for (Declarations.Global g : declarations.all()) {
            if (g.kind() == Declarations.Kind.MODEL || g.kind() == Declarations.Kind.BREAKER || g.kind() == Declarations.Kind.TYPE) continue;
            if (g.name().equals("main") || TestProgram.isTestWorkflow(g.name()) || usage.isUsed(g.name()) || !g.nameSpan().file().equals(declarations.rootFile())) continue;
            if (g.kind() == Declarations.Kind.AGENT && usage.isUsed(Builtin.RUN.callName)) continue;
            String noun = g.article().substring(g.article().indexOf(' ') + 1);
            String hint = noun.equals("tool") ? "give it to an agent, tools: [" + g.name() + "], or remove it" : switch (g.kind()) {
                case AGENT -> "call it, " + g.name() + "(\"...\"), or remove it";
                case MCP -> "give its tools to an agent, tools: [" + g.name() + "], or remove it";
                default -> "call it from main, or remove it";
            };
            diagnostics.warning(g.nameSpan(), noun + " '" + g.name() + "' is never used", hint);
        }
    }
}
