package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's `tools: [...]` list as the plan keeps it: each item's name as written, `read`, `run_tests`, `files` (a
 * whole MCP server) or `files.read_text_file` (one of its tools; the server's name never contains a dot, so the
 * first dot splits them).
 */
public final class ToolNames {
    private ToolNames() {}

    /** The names of a checked list; items that are not names were reported by the checker and are left out. */
    public static List<String> of(Expr list) {
        List<String> names = new ArrayList<>();
        if (list instanceof Expr.ListOf l) {
            for (Expr item : l.items()) {
                String name = name(item);
                if (name != null) names.add(name);
            }
        }
        return names;
    }

    /** The spans of the items {@link #of} keeps, in the same order. */
    public static List<Span> spans(Expr list) {
        List<Span> spans = new ArrayList<>();
        if (list instanceof Expr.ListOf l) {
            for (Expr item : l.items()) if (name(item) != null) spans.add(item.span());
        }
        return spans;
    }

    /** The name an item of the list refers to, or null when it is not written as a tool reference. */
    public static String name(Expr item) {
        return switch (item) {
            case Expr.Name n -> n.name();
            case Expr.Field f when f.target() instanceof Expr.Name server -> server.name() + "." + f.name();
            default -> null;
        };
    }

    /**
     * A script name as providers accept it (decision 6): `files.read_text_file` goes out as `files__read_text_file`;
     * any other character outside `[a-zA-Z0-9_-]` (an MCP server may use them) becomes `_`, and the name is cut at 64.
     */
    public static String wire(String name) {
        String wire = name.replace(".", "__").replaceAll("[^a-zA-Z0-9_-]", "_");
        return wire.length() > 64 ? wire.substring(0, 64) : wire;
    }

    /** The list written back as the source would have it (for the plan's declarations). */
    static Expr list(Span s, List<String> names) {
        List<Expr> items = new ArrayList<>();
        for (String n : names) {
            int dot = n.indexOf('.');
            items.add(dot < 0 ? new Expr.Name(s, n) : new Expr.Field(s, new Expr.Name(s, n.substring(0, dot)), n.substring(dot + 1)));
        }
        return new Expr.ListOf(s, items);
    }
}
