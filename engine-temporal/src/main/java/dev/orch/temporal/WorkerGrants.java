package dev.orch.temporal;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.plan.McpSpec;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Whether a worker's own `--allow` grants cover what a run needs (decision 14): the grants `orch run` compiled the
 * plan with. `net` covers every `net:HOST`; `write:DIR` and `read:DIR` cover what lies under DIR (both read in the
 * worker's folder); the rest (`shell`, `env:NAME`, `--trust-model-output`) only themselves.
 */
public final class WorkerGrants {
    private WorkerGrants() {}

    /** The needed grants the worker's do not cover, in the order needed. */
    public static List<String> missing(Collection<String> needed, Set<String> worker) {
        return needed.stream().filter(n -> !covered(n, worker)).toList();
    }

    private static boolean covered(String needed, Set<String> worker) {
        if (worker.contains(needed)) return true;
        if (needed.startsWith("net:")) return worker.contains("net");
        for (String prefix : List.of("write:", "read:")) {
            if (!needed.startsWith(prefix)) continue;
            Path want = Path.of(needed.substring(prefix.length())).normalize();
            for (String w : worker) {
                if (w.startsWith(prefix) && want.startsWith(Path.of(w.substring(prefix.length())).normalize())) return true;
            }
        }
        return false;
    }

    /** How the refusal reads: which grants, and the flags that give them. */
    public static String refusal(List<String> missing) {
        String flags = String.join(" ", missing.stream().map(WorkerGrants::flag).toList());
        return "the worker does not grant " + String.join(", ", missing) + ", which the plan was compiled with;"
                + " start `orch worker` with " + flags + " (or run the script without it)";
    }

    /**
     * Why this worker will not run builtin {@code name} (the check as each call starts, for a worker that joined the
     * task queue with fewer grants than the one that admitted the run), or null when it may.
     */
    public static String callRefusal(String name, Set<String> worker) {
        Builtin b = Builtin.find(name);
        if (b == null || !b.capability.alwaysNeeded || worker.contains(b.capability.flag)) return null;
        return name + "() needs `--allow " + b.capability.flag + "`, which this worker does not grant: start `orch worker`"
                + " with --allow " + b.capability.flag;
    }

    /** Why this worker will not start MCP server {@code server} (one that runs a program needs `shell`), or null when it may. */
    public static String mcpRefusal(McpSpec server, Set<String> worker) {
        if (!server.stdio() || worker.contains("shell")) return null;
        return "the mcp server " + server.name() + " runs a program, which needs `--allow shell`, which this worker does not"
                + " grant: start `orch worker` with --allow shell";
    }

    private static String flag(String grant) {
        return grant.equals("trust-model-output") ? "--trust-model-output" : "--allow " + grant;
    }
}
