package dev.orch.stdlib.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one dispatch table of builtins, keyed by the name a script calls. The checker's declared table of names,
 * arities and capabilities (dev.orch.compiler.lang) is the contract these implement.
 */
public final class Builtins {
    private static final Map<String, Builtin> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("read", Builtins::read);
        TABLE.put("write", a -> writeFile(a, false));
        TABLE.put("append", a -> writeFile(a, true));
        TABLE.put("json", Builtins::json);
        TABLE.put("str", a -> new Value.Text(Values.show(a.arg(0))));
        TABLE.put("num", Builtins::num);
        TABLE.put("len", Builtins::len);
        TABLE.put("lines", a -> list(text(a, 0).lines().map(l -> (Value) new Value.Text(l)).toList()));
        TABLE.put("split", Builtins::split);
        TABLE.put("join", Builtins::join);
        TABLE.put("sleep", Builtins::sleep);
        for (String later : List.of("sh", "http", "summarize", "run")) {
            TABLE.put(later, a -> {
                throw new BuiltinException(ErrorKind.TOOL, later + "() is not available yet in this build");
            });
        }
    }

    private Builtins() {}

    /** The builtin called {@code name}, or null when there is none. */
    public static Builtin get(String name) {
        return TABLE.get(name);
    }

    public static boolean has(String name) {
        return TABLE.containsKey(name);
    }

    private static Value read(Builtin.Args a) throws BuiltinException {
        String path = text(a, 0);
        Path file = a.folder().resolve(path);
        try {
            return new Value.Text(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BuiltinException(ErrorKind.TOOL, "read(\"" + path + "\"): no such file");
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "read(\"" + path + "\"): " + e.getMessage());
        }
    }

    /** write replaces the file atomically (a temporary file moved over it); both create missing parent folders. */
    private static Value writeFile(Builtin.Args a, boolean append) throws BuiltinException {
        String path = text(a, 0);
        String content = Values.show(a.arg(1));
        Path file = a.folder().resolve(path);
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (append) {
                Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
                try {
                    Files.writeString(tmp, content, StandardCharsets.UTF_8);
                    try {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return Value.NULL;
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, a.name() + "(\"" + path + "\"): " + e.getMessage());
        }
    }

    private static Value json(Builtin.Args a) throws BuiltinException {
        Value v = a.arg(0);
        String text = Values.text(v);
        if (text == null) return v;
        try {
            return Values.parseJson(text);
        } catch (JsonProcessingException e) {
            throw new BuiltinException(ErrorKind.BAD_OUTPUT, "json(): the text is not valid JSON: " + e.getOriginalMessage()
                    + " (text starts: \"" + abbreviate(text) + "\")");
        }
    }

    private static Value num(Builtin.Args a) throws BuiltinException {
        Value v = a.arg(0);
        if (v instanceof Value.Num) return v;
        if (v instanceof Value.Bool b) return new Value.Num(b.value() ? 1 : 0);
        String text = Values.text(v);
        if (text != null) {
            try {
                return new Value.Num(Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                throw new BuiltinException(ErrorKind.BAD_OUTPUT, "num(): \"" + abbreviate(text) + "\" is not a number");
            }
        }
        throw new BuiltinException(ErrorKind.FAIL, "num() cannot make a number of a " + Values.typeName(v));
    }

    private static Value len(Builtin.Args a) throws BuiltinException {
        Value v = a.arg(0);
        return switch (v) {
            case Value.ListOf l -> new Value.Num(l.items().size());
            case Value.MapOf m -> new Value.Num(m.entries().size());
            default -> {
                String text = Values.text(v);
                if (text == null) throw new BuiltinException(ErrorKind.FAIL, "len() takes text, a list or a map, not a " + Values.typeName(v));
                yield new Value.Num(text.codePointCount(0, text.length()));
            }
        };
    }

    private static Value split(Builtin.Args a) throws BuiltinException {
        String text = text(a, 0);
        String sep = text(a, 1);
        if (sep.isEmpty()) return list(text.codePoints().mapToObj(cp -> (Value) new Value.Text(Character.toString(cp))).toList());
        return list(Arrays.stream(text.split(Pattern.quote(sep), -1)).map(s -> (Value) new Value.Text(s)).toList());
    }

    private static Value join(Builtin.Args a) throws BuiltinException {
        if (!(a.arg(0) instanceof Value.ListOf l)) {
            throw new BuiltinException(ErrorKind.FAIL, "join() takes a list first, not a " + Values.typeName(a.arg(0)));
        }
        String sep = a.positional().size() > 1 ? text(a, 1) : "";
        List<String> parts = new ArrayList<>();
        l.items().forEach(i -> parts.add(Values.show(i)));
        return new Value.Text(String.join(sep, parts));
    }

    private static Value sleep(Builtin.Args a) throws BuiltinException, InterruptedException {
        if (!(a.arg(0) instanceof Value.Num n)) {
            throw new BuiltinException(ErrorKind.FAIL, "sleep() takes a duration such as 200ms, not a " + Values.typeName(a.arg(0)));
        }
        Thread.sleep(Math.max(0, (long) n.value()));
        return Value.NULL;
    }

    private static String text(Builtin.Args a, int i) throws BuiltinException {
        Value v = a.arg(i);
        String text = Values.text(v);
        if (text == null) {
            throw new BuiltinException(ErrorKind.FAIL, a.name() + "() takes text as argument " + (i + 1) + ", not a " + Values.typeName(v));
        }
        return text;
    }

    private static Value list(List<Value> items) {
        return new Value.ListOf(items);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 40 ? one : one.substring(0, 40) + "...";
    }
}
