package dev.orch.compiler.lang;

import static dev.orch.compiler.lang.Type.ANY;
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
    HTTP("http", List.of(new Param("url", TEXT)), false,
            List.of(Key.optional("method", ValueKind.HTTP_METHOD, "GET (default), POST, PUT, PATCH or DELETE"),
                    Key.optional("headers", ValueKind.MAP, "request headers"),
                    Key.optional("body", ValueKind.ANY, "the request body; lists and maps are sent as JSON")),
            Capability.NET, TEXT, "the body of an HTTP response; a failure is a tool error"),
    SH("sh", List.of(new Param("cmd", ANY)), false,
            List.of(Key.optional("timeout", ValueKind.DURATION, "stop the command after this long (default 1m)"),
                    Key.optional("cwd", ValueKind.TEXT, "the folder to run in, relative to the script's folder")),
            Capability.SHELL, TEXT, "run a program with arguments, sh([\"git\", \"diff\"]), without a shell, or a shell command"
                    + " written by the author, sh(\"make test\"), and return its stdout; a non-zero exit is a tool error"),
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

    Builtin(String callName, List<Param> params, boolean variadic, List<Key> options, Capability capability, Type result,
            String summary) {
        this.callName = callName;
        this.params = params;
        this.variadic = variadic;
        this.options = options;
        this.capability = capability;
        this.result = result;
        this.summary = summary;
    }

    public int minArgs() {
        return variadic ? params.size() - 1 : params.size();
    }

    /** The most positional arguments, or {@link Integer#MAX_VALUE} when the last repeats. */
    public int maxArgs() {
        return variadic ? Integer.MAX_VALUE : params.size();
    }

    /** The parameter a positional argument binds to. */
    public Param param(int index) {
        return index < params.size() ? params.get(index) : params.get(params.size() - 1);
    }

    /** The call as help shows it: `split(text, sep)`, `http(url, method:, headers:, body:)`, `run(source, args...)`. */
    public String signature() {
        StringBuilder b = new StringBuilder(callName).append('(');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(params.get(i).name());
            if (variadic && i == params.size() - 1) b.append("...");
        }
        for (Key o : options) b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(o.name()).append(':');
        return b.append(')').toString();
    }

    public static Builtin find(String name) {
        for (Builtin b : values()) if (b.callName.equals(name)) return b;
        return null;
    }
}
