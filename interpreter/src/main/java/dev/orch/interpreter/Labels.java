package dev.orch.interpreter;

import dev.orch.compiler.plan.Node;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;

/**
 * How progress, `orch show`, the trace and the journal name a task in the script's words: the names the
 * statements around it assign, and for a loop iteration the list it fills and the item it runs for:
 * {@code reports[3] aspect=security}, {@code reports[2] aspect="error handling"}. A long or structured item is left
 * out: the index names it.
 */
final class Labels {
    private static final int SHORT = 32;

    private Labels() {}

    static String iteration(Node.For n, Value item, int index) {
        String shown = shortItem(item);
        if (n.into() == null) return shown == null ? n.variable() + "[" + index + "]" : n.variable() + "=" + shown;
        return n.into() + "[" + index + "]" + (shown == null ? "" : " " + n.variable() + "=" + shown);
    }

    private static String shortItem(Value item) {
        return switch (item) {
            case Value.Num x -> Values.show(x);
            case Value.Bool x -> Values.show(x);
            case Value.Text x -> x.value().isEmpty() || x.value().length() > SHORT || x.value().contains("\n") ? null
                    : x.value().chars().anyMatch(Character::isWhitespace) ? "\"" + x.value() + "\"" : x.value();
            default -> null;
        };
    }
}
