package dev.orch.compiler.lang;

import static dev.orch.compiler.lang.Type.ANY;
import static dev.orch.compiler.lang.Type.BOOL;
import static dev.orch.compiler.lang.Type.DURATION;
import static dev.orch.compiler.lang.Type.LIST;
import static dev.orch.compiler.lang.Type.MAP;
import static dev.orch.compiler.lang.Type.NULL;
import static dev.orch.compiler.lang.Type.NUMBER;
import static dev.orch.compiler.lang.Type.REPLY;
import static dev.orch.compiler.lang.Type.TEXT;

import java.util.List;

/**
 * Every builtin function, declared once: its positional parameters (the last may repeat when {@code variadic}),
 * its options, the capability it needs and its result type. The checker, the interpreter, REPL completion and
 * `--help` read this table.
 */
public enum Builtin {
    READ("read", List.of(new Param("path", TEXT)), false, List.of(), Capability.NONE, TEXT,
            "the text of a file, relative to the script's folder"),
    WRITE("write", List.of(new Param("path", TEXT), new Param("text", ANY)), false, List.of(), Capability.WRITE, NULL,
            "replace a file's content (lists and maps are written as JSON)"),
    APPEND("append", List.of(new Param("path", TEXT), new Param("text", ANY)), false, List.of(), Capability.WRITE, NULL,
            "add to the end of a file"),
    JSON("json", List.of(new Param("text", ANY)), false, List.of(), Capability.NONE, ANY,
            "parse JSON text into lists, maps, numbers, text, booleans and null; a list or map is returned as it is"),
    STR("str", List.of(new Param("x", ANY)), false, List.of(), Capability.NONE, TEXT,
            "a value as text, as print shows it"),
    NUM("num", List.of(new Param("x", ANY)), false, List.of(), Capability.NONE, NUMBER, "a text as a number"),
    LEN("len", List.of(new Param("x", ANY)), false, List.of(), Capability.NONE, NUMBER,
            "the length of a text, list or map"),
    LINES("lines", List.of(new Param("text", TEXT)), false, List.of(), Capability.NONE, LIST, "a text's lines"),
    SPLIT("split", List.of(new Param("text", TEXT), new Param("sep", TEXT)), false, List.of(), Capability.NONE, LIST,
            "a text cut at each separator"),
    JOIN("join", List.of(new Param("list", LIST), new Param("sep", TEXT)), false, List.of(), Capability.NONE, TEXT,
            "a list's items as text, with the separator between them"),
    // Text, lists and maps (v1).
    TRIM("trim", List.of(new Param("text", TEXT)), TEXT, "the text without white space at its start and end"),
    LOWER("lower", List.of(new Param("text", TEXT)), TEXT, "the text in lower case"),
    UPPER("upper", List.of(new Param("text", TEXT)), TEXT, "the text in upper case"),
    REPLACE("replace", List.of(new Param("text", TEXT), new Param("old", TEXT), new Param("new", TEXT)), TEXT,
            "the text with every occurrence of old (plain text, not a pattern) replaced by new"),
    STARTS_WITH("starts_with", List.of(new Param("text", TEXT), new Param("prefix", TEXT)), BOOL,
            "whether the text starts with the prefix"),
    ENDS_WITH("ends_with", List.of(new Param("text", TEXT), new Param("suffix", TEXT)), BOOL,
            "whether the text ends with the suffix"),
    FIND("find", List.of(new Param("text", TEXT), new Param("regex", TEXT)), TEXT,
            "the first match of a regular expression in the text, or null"),
    FIND_ALL("find_all", List.of(new Param("text", TEXT), new Param("regex", TEXT)), LIST,
            "every match of a regular expression in the text, in order"),
    SLICE("slice", List.of(new Param("x", ANY), new Param("from", NUMBER), new Param("to", NUMBER)), 2, false, ANY,
            "the part of a text or list from index from up to, not including, to (default: the end); a negative index"
                    + " counts from the end"),
    KEYS("keys", List.of(new Param("map", MAP)), LIST, "a map's keys, in order"),
    VALUES("values", List.of(new Param("map", MAP)), LIST, "a map's values, in the order of its keys"),
    HAS("has", List.of(new Param("x", ANY), new Param("key", ANY)), BOOL,
            "whether a map has the key, or a list the item"),
    GET("get", List.of(new Param("x", ANY), new Param("key", ANY), new Param("default", ANY)), 2, false, ANY,
            "a map's value for the key, or a list's item at the index, or default (null when not given) if there is none"),
    MERGE("merge", List.of(new Param("map", MAP), new Param("maps", MAP)), 1, true, MAP,
            "one map with every map's entries; a later map's key wins"),
    SORT("sort", List.of(new Param("list", LIST)), LIST, "a list of numbers, or of texts, in ascending order"),
    UNIQUE("unique", List.of(new Param("list", LIST)), LIST, "the list without repeated items, each kept where it first is"),
    SUM("sum", List.of(new Param("list", LIST)), NUMBER, "the sum of a list of numbers (0 for an empty list)"),
    MIN("min", List.of(new Param("values", ANY)), 1, true, ANY,
            "the least of a list, min(xs), or of the values given, min(a, b); numbers or texts"),
    MAX("max", List.of(new Param("values", ANY)), 1, true, ANY,
            "the greatest of a list, max(xs), or of the values given, max(a, b); numbers or texts"),
    ENV("env", List.of(new Param("name", TEXT), new Param("default", TEXT)), 1, false, TEXT,
            "an environment variable's value, or default (null when not given) if it is not set; a credential-like"
                    + " variable, or one a model takes its key from, needs --allow env:NAME"),
    HTTP("http", List.of(new Param("url", TEXT)), false,
            List.of(Key.optional("method", ValueKind.HTTP_METHOD, "GET (default), POST, PUT, PATCH or DELETE"),
                    Key.optional("headers", ValueKind.MAP, "request headers"),
                    Key.optional("body", ValueKind.ANY, "the request body; lists and maps are sent as JSON")),
            Capability.NET, TEXT, "the body of an HTTP response; a failure is a tool error"),
    SH("sh", List.of(new Param("cmd", ANY)), false,
            List.of(Key.optional("timeout", ValueKind.DURATION, "stop the command after this long (default 1m)"),
                    Key.optional("cwd", ValueKind.TEXT, "the folder to run in, relative to the script's folder")),
            Capability.SHELL, TEXT, "run a program with arguments, sh([\"git\", \"diff\"]), without a shell, or a shell command"
                    + " written by the author, sh(\"make test\"), and return its stdout without one trailing newline; a non-zero exit"
                    + " is a tool error"),
    LS("ls", List.of(new Param("path", TEXT)), false, List.of(), Capability.NONE, LIST,
            "the names in a folder, relative to the script's folder, sorted; a folder's name ends with /"),
    SUMMARIZE("summarize", List.of(new Param("text", TEXT)), false,
            List.of(Key.optional("tokens", ValueKind.COUNT, "the most tokens the summary may have"),
                    Key.optional("model", ValueKind.MODEL, "the model that writes the summary")),
            Capability.NONE, REPLY, "a model's summary of a text"),
    SLEEP("sleep", List.of(new Param("dur", DURATION)), false, List.of(), Capability.NONE, NULL, "wait"),
    RUN("run", List.of(new Param("source", TEXT), new Param("args", ANY)), true, List.of(), Capability.NONE, ANY,
            "compile Orch source held in a text, with the same checks, and run its main workflow"),
    ASK("ask", List.of(new Param("question", TEXT)), false,
            List.of(Key.optional("options", ValueKind.TEXTS, "the answers allowed, such as [\"yes\", \"no\"] (default: any text)"),
                    Key.optional("timeout", ValueKind.DURATION, "how long the question waits for its answer"),
                    Key.optional("default", ValueKind.TEXT, "the answer once the timeout has passed")),
            Capability.NONE, TEXT, "a person's answer: asked on the terminal, or the run waits (exit 3) for `orch answer RUN TEXT`"),
    DIAGNOSE("diagnose", List.of(new Param("source", TEXT)), false, List.of(), Capability.NONE, LIST,
            "what the compiler says of Orch source held in a text, without running it: [{severity, line, col, message, hint}]"),
    ESTIMATE("estimate", List.of(new Param("source", TEXT)), false, List.of(), Capability.NONE, MAP,
            "the plan of Orch source held in a text, without running it: {calls_max, tokens_max, cost_max, text}");

    /** The name scripts call it by. */
    public final String callName;
    public final List<Param> params;
    /** When true the last parameter may be given any number of times, including none. */
    public final boolean variadic;
    public final List<Key> options;
    public final Capability capability;
    public final Type result;
    public final String summary;

    /** How many positional arguments a call must give; the parameters after them may be left out. */
    private final int required;

    Builtin(String callName, List<Param> params, boolean variadic, List<Key> options, Capability capability, Type result,
            String summary) {
        this(callName, params, variadic ? params.size() - 1 : params.size(), variadic, options, capability, result, summary);
    }

    /** A builtin without options or capability whose every parameter must be given. */
    Builtin(String callName, List<Param> params, Type result, String summary) {
        this(callName, params, params.size(), false, List.of(), Capability.NONE, result, summary);
    }

    /** A builtin without options or capability of which only the first {@code required} parameters must be given. */
    Builtin(String callName, List<Param> params, int required, boolean variadic, Type result, String summary) {
        this(callName, params, required, variadic, List.of(), Capability.NONE, result, summary);
    }

    Builtin(String callName, List<Param> params, int required, boolean variadic, List<Key> options, Capability capability,
            Type result, String summary) {
        this.callName = callName;
        this.params = params;
        this.required = required;
        this.variadic = variadic;
        this.options = options;
        this.capability = capability;
        this.result = result;
        this.summary = summary;
    }

    public int minArgs() {
        return required;
    }

    /** The most positional arguments, or {@link Integer#MAX_VALUE} when the last repeats. */
    public int maxArgs() {
        return variadic ? Integer.MAX_VALUE : params.size();
    }

    /** The parameter a positional argument binds to. */
    public Param param(int index) {
        return index < params.size() ? params.get(index) : params.get(params.size() - 1);
    }

    /**
     * The call as help shows it: `split(text, sep)`, `http(url, method:, headers:, body:)`, `run(source, args...)`,
     * `get(x, key, default?)` (a parameter that may be left out ends in `?`).
     */
    public String signature() {
        StringBuilder b = new StringBuilder(callName).append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(params.get(i).name());
            if (variadic && i == params.size() - 1) b.append("...");
            else if (i >= required) b.append('?');
        }
        for (Key o : options) b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(o.name()).append(':');
        return b.append(')').toString();
    }

    public static Builtin find(String name) {
        for (Builtin b : values()) if (b.callName.equals(name)) return b;
        return null;
    }
}
