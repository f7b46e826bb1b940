package dev.orch.cli;

import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;

/** `--arg name=value` to the parameter's declared type: text as given, number, bool, or a list or map as JSON. */
final class ArgValues {
    private ArgValues() {}

    /** Null when the text does not fit the type. An undeclared type takes the text as it is. */
    static Value convert(String type, String text) {
        if (type == null) return new Value.Text(text);
        return switch (type) {
            case "number" -> {
                try {
                    yield new Value.Num(Double.parseDouble(text.strip()));
                } catch (NumberFormatException e) {
                    yield null;
                }
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
