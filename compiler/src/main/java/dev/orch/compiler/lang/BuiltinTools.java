package dev.orch.compiler.lang;

import java.util.List;

/**
 * The builtins a model may call as tools, with the parameters it sees: those of the builtins table, except `sh`,
 * which as a tool takes an argument list only (a program and its arguments, run without a shell), so a model's text
 * never reaches `sh -c`. The checker, the plan and the tool loop read this table.
 */
public final class BuiltinTools {
    /** One parameter as the model sees it: its type, whose schema {@link JsonSchema} writes, and what it means. */
    public record Param(String name, DataType type, String description, boolean required) {}

    private static final DataType TEXT_LIST = new DataType.ListOf(DataType.TEXT);

    public record Entry(Builtin builtin, String description, List<Param> params) {
        public String name() {
            return builtin.callName;
        }
    }

    public static final List<Entry> ALL = List.of(
            new Entry(Builtin.READ, "Reads a text file, relative to the working folder, and returns its text.",
                    List.of(new Param("path", DataType.TEXT, "the file's path", true))),
            new Entry(Builtin.WRITE, "Replaces a text file's content (creating it and its folders if needed).",
                    List.of(new Param("path", DataType.TEXT, "the file's path", true),
                            new Param("text", DataType.TEXT, "the file's new content", true))),
            new Entry(Builtin.APPEND, "Adds text to the end of a file (creating it if needed).",
                    List.of(new Param("path", DataType.TEXT, "the file's path", true),
                            new Param("text", DataType.TEXT, "the text to add", true))),
            new Entry(Builtin.LS, "Lists a folder, relative to the working folder: the names of its files and folders (a folder's ends with /).",
                    List.of(new Param("path", DataType.TEXT, "the folder's path; \".\" is the working folder", true))),
            new Entry(Builtin.SH, "Runs a program with arguments, without a shell, and returns its output; a non-zero exit is an error.",
                    List.of(new Param("command", TEXT_LIST, "the program and its arguments, such as [\"git\", \"status\"]", true))),
            new Entry(Builtin.HTTP, "Sends an HTTP request and returns the response body.",
                    List.of(new Param("url", DataType.TEXT, "the URL", true),
                            new Param("method", DataType.TEXT, "GET (default), POST, PUT, PATCH or DELETE", false),
                            new Param("headers", new DataType.MapOf(), "request headers", false),
                            new Param("body", DataType.TEXT, "the request body", false))));

    private BuiltinTools() {}

    public static Entry find(String name) {
        for (Entry e : ALL) if (e.name().equals(name)) return e;
        return null;
    }

    public static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }
}
