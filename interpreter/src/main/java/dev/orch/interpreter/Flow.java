package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;

/** `break` and `return` unwind the Java stack to the loop or workflow they leave; they are not errors. */
sealed abstract class Flow extends RuntimeException permits Flow.Break, Flow.Return {
    Flow() {
        super(null, null, false, false);
    }

    static final class Break extends Flow {}

    static final class Return extends Flow {
        final Value value;

        Return(Value value) {
            this.value = value;
        }
    }
}
