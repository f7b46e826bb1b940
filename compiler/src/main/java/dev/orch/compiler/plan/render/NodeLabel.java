package dev.orch.compiler.plan.render;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.plan.Node;

/** A node in a few words, for the boxes of a diagram: its `line:col` and what it does. */
public final class NodeLabel {
    private static final int WIDTH = 48;

    private static final int PROMPT_WIDTH = 64;

    private NodeLabel() {}

    /** A diagram's box: the id and what the node does, a call with the start of its prompt. */
    static String of(Node n) {
        if (n instanceof Node.Call c) {
            return n.id() + " " + (c.target() == null ? "" : c.target() + " = ") + c.agent() + "("
                    + prompt(c.value().args().isEmpty() ? null : c.value().args().get(0)) + ") on "
                    + (c.model() == null ? "no model" : c.model());
        }
        return n.id() + " " + what(n);
    }

    /**
     * The start of a prompt, cut at a word before {@link #PROMPT_WIDTH} characters with an ellipsis (inside the
     * closing quote of a string literal), so a box shows what a call asks without the whole of it.
     */
    public static String prompt(Expr prompt) {
        if (prompt == null) return "";
        String s = ExprText.of(prompt);
        if (s.length() <= PROMPT_WIDTH) return s;
        int cut = s.lastIndexOf(' ', PROMPT_WIDTH - 2);
        if (cut < PROMPT_WIDTH / 2) cut = PROMPT_WIDTH - 2;
        return s.substring(0, cut).stripTrailing() + "\u2026" + (s.startsWith("\"") ? "\"" : "");
    }

    /** What the node does, in a few words: `draft = writer(...) on fast`, `print "done"`. */
    public static String what(Node n) {
        return switch (n) {
            case Node.Call c -> (c.target() == null ? "" : c.target() + " = ") + c.agent() + "(...) on "
                    + (c.model() == null ? "no model" : c.model());
            case Node.Assign a -> a.target() + " = " + ExprText.brief(a.value(), WIDTH);
            case Node.Eval e -> ExprText.brief(e.value(), WIDTH);
            case Node.Print p -> "print " + ExprText.brief(p.value(), WIDTH);
            case Node.Return r -> r.value() == null ? "return" : "return " + ExprText.brief(r.value(), WIDTH);
            case Node.Fail f -> "fail " + ExprText.brief(f.message(), WIDTH);
            case Node.Break b -> "break";
            case Node.Expect x -> "expect " + ExprText.brief(x.condition(), WIDTH);
            case Node.Sequence s -> "sequence";
            case Node.Phase p -> "phase " + p.name();
            case Node.Timeout t -> "timeout " + ExprText.of(t.duration());
            case Node.Parallel p -> "parallel" + (p.max() == null ? "" : " max " + ExprText.of(p.max())) + (p.settle() ? " settle" : "");
            case Node.Race r -> "race";
            case Node.Dag d -> "dag, " + d.waves().size() + " waves";
            case Node.Retry r -> "retry " + ExprText.of(r.attempts());
            case Node.If i -> "if " + ExprText.brief(i.branches().get(0).condition(), WIDTH);
            case Node.For f -> (f.into() == null ? "" : f.into() + " = ") + "for " + f.variable() + " in "
                    + ExprText.brief(f.items(), WIDTH) + (f.where() == null ? "" : " where " + ExprText.brief(f.where(), WIDTH))
                    + (f.parallel() ? " parallel" : "");
            case Node.Loop l -> "loop" + (l.max() == null ? "" : " max " + ExprText.of(l.max()));
            case Node.Try t -> "try";
        };
    }

    /** Whether the node holds other nodes, and so is drawn as a group around them. */
    static boolean isBlock(Node n) {
        return switch (n) {
            case Node.Call c -> false;
            case Node.Assign a -> false;
            case Node.Eval e -> false;
            case Node.Print p -> false;
            case Node.Return r -> false;
            case Node.Fail f -> false;
            case Node.Break b -> false;
            case Node.Expect x -> false;
            default -> true;
        };
    }
}
