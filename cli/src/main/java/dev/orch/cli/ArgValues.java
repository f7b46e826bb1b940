package dev.orch.cli;

import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `--arg name=value` to the parameter's declared type: text as given, a finite number, a duration as the language
 * writes one (`30s`, `250ms`, `1.5m`, `2h`), bool, or a list or map as JSON.
 */
final class ArgValues {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    /** As the lexer's DURATION: 30s, 1.5m, 250ms, 2h. */
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private ArgValues() {}

    /** Null when the text does not fit the type. An undeclared type takes the text as it is. */
    static Value convert(String type, String text) {
        if (type == null) return new Value.Text(text);
        return switch (type) {
            case "number" -> {
                // As the language writes numbers: no NaN, no Infinity, no 1e999 that overflows to it, no 0x or 5d.
                String n = text.strip();
                if (!NUMBER.matcher(n).matches()) yield null;
                double d = Double.parseDouble(n);
                yield Double.isFinite(d) ? new Value.Num(d) : null;
            }
            case "duration" -> {
                Matcher m = DURATION.matcher(text.strip());
                if (!m.matches()) yield null;
                double amount = Double.parseDouble(m.group(1));
                double ms = amount * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1_000;
                    case "m" -> 60_000;
                    default -> 3_600_000;
                };
                yield Double.isFinite(ms) ? new Value.Num(Math.round(ms)) : null;
            }
            case "bool" -> switch (text.strip()) {
                case "true" -> Value.TRUE;
                case "false" -> Value.FALSE;
                default -> null;
            };
            case "list", "map" -> {
                try {
                    Value v = Values.parseJson(text);
                    yield type.equals("list") == v instanceof Value.ListOf && (type.equals("list") || v instanceof Value.MapOf) ? v : null;
                } catch (Exception e) {
                    yield null;
                }
            }
            default -> new Value.Text(text);
        };
    }
}
