package dev.orch.stdlib.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.lang.Builtin;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each builtin does, keyed by the language's one table of builtins ({@link Builtin}: names, parameters,
 * options and capabilities, which the checker reads too). Every declared builtin has an implementation here; the
 * class refuses to load otherwise.
 */
public final class Builtins {
    private static final Map<Builtin, BuiltinFunction> TABLE = new EnumMap<>(Builtin.class);

    static {
        TABLE.put(Builtin.READ, Builtins::read);
        TABLE.put(Builtin.WRITE, a -> writeFile(a, false));
        TABLE.put(Builtin.APPEND, a -> writeFile(a, true));
        TABLE.put(Builtin.JSON, Builtins::json);
        TABLE.put(Builtin.STR, a -> new Value.Text(Values.show(a.arg(0))));
        TABLE.put(Builtin.NUM, Builtins::num);
        TABLE.put(Builtin.LEN, Builtins::len);
        TABLE.put(Builtin.LINES, a -> list(text(a, 0).lines().map(l -> (Value) new Value.Text(l)).toList()));
        TABLE.put(Builtin.SPLIT, Builtins::split);
        TABLE.put(Builtin.JOIN, Builtins::join);
        TextFunctions.register(TABLE);
        CollectionFunctions.register(TABLE);
        // env reads the run's environment under its grants, so the interpreter runs it; never reached from here.
        TABLE.put(Builtin.ENV, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "env() runs only inside a run, where its environment is");
        });
        TABLE.put(Builtin.SLEEP, Builtins::sleep);
        TABLE.put(Builtin.SH, Shell::run);
        TABLE.put(Builtin.LS, Builtins::ls);
        TABLE.put(Builtin.HTTP, HttpCall::call);
        // summarize calls a model, so the interpreter runs it like an agent call (budget, events); never reached from here.
        TABLE.put(Builtin.SUMMARIZE, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "summarize() runs only inside a run, where its model is");
        });
        // run() compiles and runs a plan under its caller's, so the interpreter runs it; never reached from here.
        TABLE.put(Builtin.RUN, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "run() runs only inside a run, where its caller's plan is");
        });
        // ask() waits for a person, journaled, so the interpreter runs it; never reached from here.
        TABLE.put(Builtin.ASK, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "ask() runs only inside a run, where someone can answer");
        });
        // diagnose() and estimate() compile beside their caller's plan, so the interpreter runs them; never reached from here.
        TABLE.put(Builtin.DIAGNOSE, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "diagnose() runs only inside a run, where its caller's plan is");
        });
        TABLE.put(Builtin.ESTIMATE, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "estimate() runs only inside a run, where its caller's plan is");
        });
        // calls() counts a run's agent calls, which only the interpreter sees; never reached from here.
        TABLE.put(Builtin.CALLS, a -> {
            throw new BuiltinException(ErrorKind.TOOL, "calls() runs only inside a run, where its agents' calls are counted");
        });
        for (Builtin d : Builtin.values()) {
            if (!TABLE.containsKey(d)) throw new IllegalStateException("the builtin " + d.callName + " has no implementation");
        }
    }

    private Builtins() {}

    /** The builtin a script calls {@code name}, or null when the language declares none. */
    public static BuiltinFunction get(String name) {
        Builtin d = Builtin.find(name);
        return d == null ? null : TABLE.get(d);
    }

    private static Value read(BuiltinFunction.Args a) throws BuiltinException {
        String path = text(a, 0);
        Path file = a.folder().resolveForReading(path);
        try {
            return new Value.Text(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BuiltinException(ErrorKind.TOOL, "read(\"" + path + "\"): no such file");
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "read(\"" + path + "\"): " + e.getMessage());
        }
    }

    /** A folder's entries, sorted by name; a folder's name ends with `/`, so a model can tell what to `ls` next. */
    private static Value ls(BuiltinFunction.Args a) throws BuiltinException {
        String path = text(a, 0);
        Path folder = a.folder().resolve(path);
        if (!Files.isDirectory(folder)) {
            throw new BuiltinException(ErrorKind.TOOL, "ls(\"" + path + "\"): " + (Files.exists(folder) ? "not a folder" : "no such folder"));
        }
        try (var entries = Files.list(folder)) {
            return list(entries.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted()
                    .map(n -> (Value) new Value.Text(n)).toList());
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "ls(\"" + path + "\"): " + e.getMessage());
        }
    }

    /** write replaces the file atomically (a temporary file moved over it); both create missing parent folders. */
    private static Value writeFile(BuiltinFunction.Args a, boolean append) throws BuiltinException {
        String path = text(a, 0);
        String content = Values.show(a.arg(1));
        Path file = a.folder().resolve(path);
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            if (append) {
                Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                // Not createTempFile: its 0600 would become the file's mode. A new file made the ordinary way gets
                // the umask's mode, like one from `sh`; a replaced file keeps its own.
                Path tmp = file.resolveSibling("." + file.getFileName() + "."
                        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    if (Files.exists(file) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                    }
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

    private static Value json(BuiltinFunction.Args a) throws BuiltinException {
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

    private static Value num(BuiltinFunction.Args a) throws BuiltinException {
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

    private static Value len(BuiltinFunction.Args a) throws BuiltinException {
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

    private static Value split(BuiltinFunction.Args a) throws BuiltinException {
        String text = text(a, 0);
        String sep = text(a, 1);
        if (sep.isEmpty()) return list(text.codePoints().mapToObj(cp -> (Value) new Value.Text(Character.toString(cp))).toList());
        return list(Arrays.stream(text.split(Pattern.quote(sep), -1)).map(s -> (Value) new Value.Text(s)).toList());
    }

    private static Value join(BuiltinFunction.Args a) throws BuiltinException {
        if (!(a.arg(0) instanceof Value.ListOf l)) {
            throw new BuiltinException(ErrorKind.FAIL, "join() takes a list first, not a " + Values.typeName(a.arg(0)));
        }
        String sep = a.positional().size() > 1 ? text(a, 1) : "";
        List<String> parts = new ArrayList<>();
        l.items().forEach(i -> parts.add(Values.show(i)));
        return new Value.Text(String.join(sep, parts));
    }

    private static Value sleep(BuiltinFunction.Args a) throws BuiltinException, InterruptedException {
        Thread.sleep(sleepMillis(a));
        return Value.NULL;
    }

    /** How long `sleep(dur)` waits (the interpreter waits on its engine's clock). */
    public static long sleepMillis(BuiltinFunction.Args a) throws BuiltinException {
        if (!(a.arg(0) instanceof Value.Num n)) {
            throw new BuiltinException(ErrorKind.FAIL, "sleep() takes a duration such as 200ms, not a " + Values.typeName(a.arg(0)));
        }
        return Math.max(0, (long) n.value());
    }

    static String text(BuiltinFunction.Args a, int i) throws BuiltinException {
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
