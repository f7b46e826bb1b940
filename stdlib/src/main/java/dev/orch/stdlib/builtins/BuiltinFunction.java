package dev.orch.stdlib.builtins;

import dev.orch.stdlib.value.Value;
import java.util.List;
import java.util.Map;

/** What one builtin does: positional arguments and options in, a value out. Blocking calls must honour interrupts. */
@FunctionalInterface
public interface BuiltinFunction {
    Value call(Args args) throws BuiltinException, InterruptedException;

    /** What a call passes: its arguments, its options, the folder the script may touch and what `--allow` granted. */
    record Args(String name, List<Value> positional, Map<String, Value> options, ScriptFolder folder, Grants grants) {
        public Args(String name, List<Value> positional, Map<String, Value> options, ScriptFolder folder) {
            this(name, positional, options, folder, Grants.NONE);
        }

        public Value arg(int i) throws BuiltinException {
            if (i >= positional.size()) {
                throw new BuiltinException(dev.orch.compiler.lang.ErrorKind.FAIL,
                        name + "() needs at least " + (i + 1) + " argument" + (i == 0 ? "" : "s"));
            }
            return positional.get(i);
        }
    }
}
