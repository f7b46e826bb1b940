package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;

/**
 * The grants each declared model needs ({@link ModelGrants}), at the option that needs it: an error when compiling
 * to run, a warning from `orch check`, as for `sh` without `--allow shell`.
 */
final class ModelGrantChecker {
    private final Declarations declarations;
    private final CompileOptions options;
    private final Diagnostics diagnostics;

    ModelGrantChecker(Declarations declarations, CompileOptions options, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    void check() {
        for (Declarations.Global g : declarations.all()) {
            if (!(g.decl() instanceof Decl.Model m)) continue;
            Expr baseUrl = option(m, "base_url");
            Expr keyEnv = option(m, "api_key_env");
            String url = baseUrl instanceof Expr.Text t ? t.value() : null;
            String variable = keyEnv instanceof Expr.Text t ? t.value() : null;
            for (ModelGrants.Missing missing : ModelGrants.missing(m.name(), m.provider(), url, variable, options.allowed())) {
                Expr at = missing.flag().startsWith("net:") ? baseUrl : keyEnv;
                String hint = options.forRun() ? options.grantHint(missing.flag())
                        : "`orch run` refuses this script without --allow " + missing.flag();
                diagnostics.add(options.forRun() ? Diagnostic.error(at.span(), missing.message(), hint)
                        : Diagnostic.warning(at.span(), missing.message(), hint));
            }
        }
    }

    private static Expr option(Decl.Model m, String name) {
        for (Expr.Option o : m.options()) if (o.name().equals(name)) return o.value();
        return null;
    }
}
