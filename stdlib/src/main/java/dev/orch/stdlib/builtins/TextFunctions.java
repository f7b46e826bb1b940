package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The builtins that read and change text: trim, lower, upper, replace, starts_with, ends_with, find, find_all. */
final class TextFunctions {
    private TextFunctions() {}

    static void register(Map<Builtin, BuiltinFunction> table) {
        table.put(Builtin.TRIM, a -> new Value.Text(Builtins.text(a, 0).strip()));
        table.put(Builtin.LOWER, a -> new Value.Text(Builtins.text(a, 0).toLowerCase(Locale.ROOT)));
        table.put(Builtin.UPPER, a -> new Value.Text(Builtins.text(a, 0).toUpperCase(Locale.ROOT)));
        table.put(Builtin.REPLACE, TextFunctions::replace);
        table.put(Builtin.STARTS_WITH, a -> Value.of(Builtins.text(a, 0).startsWith(Builtins.text(a, 1))));
        table.put(Builtin.ENDS_WITH, a -> Value.of(Builtins.text(a, 0).endsWith(Builtins.text(a, 1))));
        table.put(Builtin.FIND, a -> {
            Matcher m = pattern(a).matcher(Builtins.text(a, 0));
            return m.find() ? new Value.Text(m.group()) : Value.NULL;
        });
        table.put(Builtin.FIND_ALL, a -> {
            Matcher m = pattern(a).matcher(Builtins.text(a, 0));
            List<Value> found = new ArrayList<>();
            while (m.find()) found.add(new Value.Text(m.group()));
            return new Value.ListOf(found);
        });
    }

    private static Value replace(BuiltinFunction.Args a) throws BuiltinException {
        String text = Builtins.text(a, 0);
        String old = Builtins.text(a, 1);
        if (old.isEmpty()) throw new BuiltinException(ErrorKind.FAIL, "replace() needs a text to replace, not \"\"");
        return new Value.Text(text.replace(old, Builtins.text(a, 2)));
    }

    private static Pattern pattern(BuiltinFunction.Args a) throws BuiltinException {
        String regex = Builtins.text(a, 1);
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new BuiltinException(ErrorKind.FAIL, a.name() + "(): \"" + regex + "\" is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
