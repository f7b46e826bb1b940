package dev.orch.compiler.check;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.McpEndpoints;
import java.util.List;

/**
 * `mcp NAME { ... }`: a server is either started (`command`, with `args`, `env`, `cwd`) or reached (`url`, with
 * `headers`), never both, and the grant it needs is given: a stdio server runs a program, so it needs `--allow shell`;
 * a URL off this machine needs `--allow net` or `--allow net:HOST` (decision 7: loopback needs none). As for a direct
 * call, a missing grant is a warning at `orch check` and an error at `orch run`. The keys' values were checked by the
 * {@link DeclarationChecker}.
 */
final class McpChecker {
    private static final List<String> STDIO_KEYS = List.of("command", "args", "env", "cwd");
    private static final List<String> HTTP_KEYS = List.of("url", "headers");

    private final Declarations declarations;
    private final CompileOptions options;
    private final Diagnostics diagnostics;

    McpChecker(Declarations declarations, CompileOptions options, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    void check() {
        for (Declarations.Global g : declarations.all()) {
            if (g.decl() instanceof Decl.Mcp m) server(m);
        }
    }

    private void server(Decl.Mcp m) {
        Entry command = entry(m, "command");
        Entry url = entry(m, "url");
        if (command == null && url == null) {
            diagnostics.error(m.nameSpan(), "mcp server '" + m.name() + "' has neither a command nor a url",
                    "start one: mcp " + m.name() + " { command: \"npx\", args: [\"-y\", \"@modelcontextprotocol/server-filesystem\", \".\"] }"
                            + ", or reach one: mcp " + m.name() + " { url: \"http://127.0.0.1:8931/mcp\" }");
            return;
        }
        if (command != null && url != null) {
            diagnostics.error(url.keySpan(), "mcp server '" + m.name() + "' has both a command and a url",
                    "a server is either started with command: or reached at url:, keep one");
            return;
        }
        List<String> others = command != null ? HTTP_KEYS : STDIO_KEYS;
        for (Entry e : m.entries()) {
            if (others.contains(e.key())) {
                diagnostics.error(e.keySpan(), "'" + e.key() + "' belongs to " + (command != null ? "a server reached at a url" : "a server started with a command"),
                        command != null ? "a stdio server takes command, args, env and cwd" : "a url server takes url and headers");
            }
        }
        if (command != null) {
            grant(command, "shell", "the mcp server " + m.name() + " runs a program");
        } else if (url.value() instanceof Expr.Text t) {
            String host = McpEndpoints.host(t.value());
            if (host == null) {
                diagnostics.error(url.value().span(), "'" + t.value() + "' is not an http or https URL", "write it as http://127.0.0.1:8931/mcp");
            } else if (!McpEndpoints.isLoopback(host) && !options.allows("net:" + host) && !options.allowed().contains("net")) {
                grant(url, "net:" + host, "the mcp server " + m.name() + " is reached at " + host);
            }
        }
    }

    private void grant(Entry at, String flag, String what) {
        if (options.allows(flag)) return;
        String message = what + ", which needs `--allow " + flag + "`";
        String hint = options.forRun() ? options.grantHint(flag) : "`orch run` refuses this script without --allow " + flag;
        diagnostics.add(options.forRun() ? Diagnostic.error(at.value().span(), message, hint) : Diagnostic.warning(at.value().span(), message, hint));
    }

    private static Entry entry(Decl.Mcp m, String key) {
        for (Entry e : m.entries()) if (e.key().equals(key)) return e;
        return null;
    }
}
