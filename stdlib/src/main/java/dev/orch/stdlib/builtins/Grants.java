package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import java.util.Set;

/**
 * The capabilities a run was given with `--allow` (`shell`, `net`, `write:PATH`). The checker already refuses a
 * script that calls `sh` or `http` without them; this is the run-time side, for a plan compiled without the flag
 * and for source compiled at run time by `run()`, worded the same way.
 */
public record Grants(Set<String> allowed) {
    public static final Grants NONE = new Grants(Set.of());

    public Grants {
        allowed = Set.copyOf(allowed);
    }

    public void require(Builtin b) throws BuiltinException {
        if (!b.capability.alwaysNeeded || allowed.contains(b.capability.flag)) return;
        throw new BuiltinException(ErrorKind.TOOL, b.callName + "() needs `--allow " + b.capability.flag
                + "`: run it as: orch run FILE --allow " + b.capability.flag);
    }
}
