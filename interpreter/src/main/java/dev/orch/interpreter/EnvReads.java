package dev.orch.interpreter;

import dev.orch.compiler.check.ModelGrants;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * `env(name, default)` (decision 8): any environment variable, except those that look like credentials and those a
 * model takes its key from, which need `--allow env:NAME`. The checker refuses a literal name already; this is the
 * run-time side, for a name computed while running and for a plan compiled without the grant.
 */
final class EnvReads {
    private final Env env;
    private final Set<String> allowed;
    private final List<String> modelKeys;

    EnvReads(Plan plan, RunOptions options) {
        this.env = options.env();
        this.allowed = options.allowed();
        this.modelKeys = plan.models().stream().map(ModelSpec::apiKeyEnv).filter(Objects::nonNull).toList();
    }

    Value read(List<Value> args, Ctx c, String task, dev.orch.compiler.ast.Span at) {
        String name = args.isEmpty() ? null : Values.text(args.get(0));
        if (name == null) {
            throw RunError.of(ErrorKind.FAIL, "env() takes the variable's name as text", task, at, c.attempt());
        }
        String why = ModelGrants.envGrantNeeded(name, modelKeys);
        if (why != null && !allowed.contains("env:" + name)) {
            throw RunError.of(ErrorKind.FAIL, "env(\"" + name + "\") " + why + ": reading it needs `--allow env:" + name + "`",
                    task, at, c.attempt());
        }
        String value = env.get(name);
        if (value != null) return new Value.Text(value);
        return args.size() > 1 ? args.get(1) : Value.NULL;
    }
}
