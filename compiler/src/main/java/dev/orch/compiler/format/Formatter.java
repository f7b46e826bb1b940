package dev.orch.compiler.format;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Spans;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.grammar.OrchLexer;
import dev.orch.grammar.OrchParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * `orch fmt`: the one canonical layout of a script, with every comment kept where it was.
 *
 * <p>It works on the token stream, comments included, rather than printing the AST: the script's own line breaks
 * stay (a long call the author split keeps its lines), while everything between tokens is decided here: indentation
 * by nesting, one space or none between tokens, at most one blank line, `{`, `else`, `catch` and `fallback` on the line
 * of what they continue, no `;` at a line's end. Tokens that this class does not know (syntax newer than it) keep
 * whether they were spaced. Before it answers, it parses its own output and refuses if the AST differs (spans set
 * aside), so a layout rule can never change what a script means.
 */
public final class Formatter {
    private static final String INDENT = "  ";

    /** The formatted text, or why the file cannot be formatted: its syntax errors. */
    public sealed interface Result {
        record Formatted(String text) implements Result {}

        record Refused(List<Diagnostic> diagnostics) implements Result {}
    }

    /** Token names whose spacing this class decides; any other keeps the source's spacing. */
    private static final Set<String> KNOWN = Set.of("MODEL", "AGENT", "BREAKER", "BUDGET", "WORKFLOW", "IMPORT", "EXTENDS",
            "VAR", "SEQUENCE", "PARALLEL", "MAX", "SETTLE", "DAG", "RACE", "RETRY", "BACKOFF", "JITTER", "ON", "TIMEOUT",
            "IF", "ELSE", "FOR", "IN", "LOOP", "UNTIL", "TRY", "CATCH", "AS", "FALLBACK", "PHASE", "PRINT", "RETURN",
            "FAIL", "BREAK", "TRUE", "FALSE", "NULL", "NOT", "AND", "OR", "CONTAINS", "MATCHES", "WHERE", "LPAREN", "RPAREN",
            "LBRACK", "RBRACK", "LBRACE", "RBRACE", "EQ", "NE", "LE", "GE", "LT", "GT", "ASSIGN", "PLUS", "MINUS", "STAR",
            "SLASH", "PERCENT", "DOT", "COMMA", "COLON", "SEMI", "DURATION", "NUMBER", "NAME", "QUOTE", "TRIPLE_QUOTE",
            "STR_END", "TSTR_END", "LINE_COMMENT", "BLOCK_COMMENT", "ARROW", "QUESTION", "PIPE");

    /** After one of these at a line's end the next line continues the same statement, one level deeper. */
    private static final Set<Integer> CONTINUES = Set.of(OrchLexer.PLUS, OrchLexer.MINUS, OrchLexer.STAR, OrchLexer.SLASH,
            OrchLexer.PERCENT, OrchLexer.EQ, OrchLexer.NE, OrchLexer.LT, OrchLexer.LE, OrchLexer.GT, OrchLexer.GE,
            OrchLexer.ASSIGN, OrchLexer.AND, OrchLexer.OR, OrchLexer.NOT, OrchLexer.CONTAINS, OrchLexer.MATCHES,
            OrchLexer.COLON, OrchLexer.DOT, OrchLexer.IN);

    private Formatter() {}

    public static Result format(SourceFile source) {
        SourceParser.Syntax syntax = SourceParser.syntax(source);
        if (!syntax.result().ok()) {
            return new Result.Refused(syntax.result().diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        String text = new Layout(syntax.tokens(), Roles.of(syntax.tree())).text();
        SourceParser.Result again = SourceParser.parse(new SourceFile(source.path(), text));
        if (!again.ok() || !Spans.erase(again.program()).equals(Spans.erase(syntax.result().program()))) {
            return new Result.Refused(List.of(Diagnostic.error(new Span(source.path(), 1, 1, 1),
                    "orch fmt would change what this script means, so it leaves the file as it is",
                    "this is a bug in orch fmt; please report it with the script")));
        }
        return new Result.Formatted(text);
    }

    /** The tokens whose layout depends on the grammar rule they belong to, found once from the parse tree. */
    private record Roles(BitSet joinsLine, BitSet unary, BitSet index) {
        static Roles of(OrchParser.ProgramContext tree) {
            Roles roles = new Roles(new BitSet(), new BitSet(), new BitSet());
            Deque<ParseTree> todo = new ArrayDeque<>();
            todo.push(tree);
            while (!todo.isEmpty()) {
                ParseTree node = todo.pop();
                if (node instanceof TerminalNode leaf) {
                    roles.classify(leaf);
                } else {
                    for (int i = node.getChildCount() - 1; i >= 0; i--) todo.push(node.getChild(i));
                }
            }
            return roles;
        }

        private void classify(TerminalNode leaf) {
            Token t = leaf.getSymbol();
            ParserRuleContext parent = (ParserRuleContext) leaf.getParent();
            int i = t.getTokenIndex();
            switch (t.getType()) {
                case OrchLexer.LBRACE -> {
                    if (parent instanceof OrchParser.BlockContext || parent instanceof OrchParser.EntriesContext
                            || parent instanceof OrchParser.ObjectTypeContext && parent.getParent() instanceof OrchParser.TypeDeclContext) {
                        joinsLine.set(i);
                    }
                }
                case OrchLexer.ELSE -> { if (parent instanceof OrchParser.IfChainContext) joinsLine.set(i); }
                case OrchLexer.CATCH -> { if (parent instanceof OrchParser.CatchClauseContext) joinsLine.set(i); }
                case OrchLexer.FALLBACK -> { if (parent instanceof OrchParser.TryStmtContext) joinsLine.set(i); }
                case OrchLexer.MINUS -> { if (parent instanceof OrchParser.NegateExprContext) unary.set(i); }
                case OrchLexer.LBRACK -> { if (parent instanceof OrchParser.IndexExprContext) index.set(i); }
                default -> { }
            }
        }
    }

    /** An open bracket: the indentation of the line it opened on. */
    private record Open(int type, int lineIndent) {
        boolean interpolation() {
            return type == OrchLexer.STR_INTERP || type == OrchLexer.TSTR_INTERP;
        }
    }

    private static final class Layout {
        private final List<Token> tokens = new ArrayList<>();
        private final Roles roles;
        private final StringBuilder out = new StringBuilder();
        private final Deque<Open> open = new ArrayDeque<>();
        private Token previous;
        private int lineIndent;

        Layout(List<Token> all, Roles roles) {
            this.roles = roles;
            for (Token t : all) {
                if (t.getType() != Token.EOF && t.getType() != OrchLexer.NL) tokens.add(t);
            }
        }

        String text() {
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.getType() == OrchLexer.SEMI && redundant(i)) continue;
                place(t);
                out.append(textOf(t));
                track(t);
                previous = t;
            }
            int end = out.length();
            while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) end--;
            out.setLength(end);
            return out.isEmpty() ? "" : out.append('\n').toString();
        }

        /** A `;` that a line break or the block's edge already ends the statement for. */
        private boolean redundant(int i) {
            Token semi = tokens.get(i);
            if (previous == null || previous.getType() == OrchLexer.SEMI || previous.getType() == OrchLexer.LBRACE) return true;
            if (endLine(previous) < semi.getLine()) return true;
            for (int j = i + 1; j < tokens.size(); j++) {
                Token next = tokens.get(j);
                if (comment(next)) continue;
                return next.getLine() > semi.getLine() || next.getType() == OrchLexer.RBRACE;
            }
            return true;
        }

        /** Writes what goes before the token: a line break and indentation, a space, or nothing. */
        private void place(Token t) {
            if (previous == null) {
                lineIndent = 0;
                return;
            }
            boolean newLine = t.getLine() > endLine(previous);
            if (newLine && roles.joinsLine().get(t.getTokenIndex()) && !comment(previous)) newLine = false;
            if (!newLine) {
                if (spaced(previous, t)) out.append(' ');
                return;
            }
            trimTrailingSpace();
            out.append('\n');
            boolean blank = t.getLine() > endLine(previous) + 1;
            if (blank && !opens(previous) && !closes(t)) out.append('\n');
            lineIndent = indentOf(t);
            out.append(INDENT.repeat(lineIndent));
        }

        private int indentOf(Token t) {
            if (closes(t)) return open.peek().lineIndent();
            int base = open.isEmpty() ? 0 : open.peek().lineIndent() + 1;
            return CONTINUES.contains(previous.getType()) && !comment(previous) ? base + 1 : base;
        }

        private void track(Token t) {
            switch (t.getType()) {
                case OrchLexer.LPAREN, OrchLexer.LBRACK, OrchLexer.LBRACE, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP ->
                        open.push(new Open(t.getType(), lineIndent));
                case OrchLexer.RPAREN, OrchLexer.RBRACK, OrchLexer.RBRACE -> {
                    if (!open.isEmpty()) open.pop();
                }
                default -> { }
            }
        }

        private boolean spaced(Token p, Token t) {
            int a = p.getType();
            int b = t.getType();
            if (insideString(a) || continuesString(b) || closesInterpolation(t)) return false;
            if (comment(p) || comment(t)) return true;
            if (!known(a) || !known(b)) return t.getStartIndex() > p.getStopIndex() + 1;
            if (b == OrchLexer.COMMA || b == OrchLexer.SEMI || b == OrchLexer.RPAREN || b == OrchLexer.RBRACK
                    || b == OrchLexer.DOT || b == OrchLexer.COLON || b == OrchLexer.QUESTION) return false;
            if (a == OrchLexer.LPAREN || a == OrchLexer.LBRACK || a == OrchLexer.DOT) return false;
            if (roles.unary().get(p.getTokenIndex())) return b == OrchLexer.MINUS;
            // A call's name meets its `(`: `f(x)`, and `max(xs)`, the one keyword that can be called (decision 1).
            if (b == OrchLexer.LPAREN) return a != OrchLexer.NAME && a != OrchLexer.MAX && t.getStartIndex() > p.getStopIndex() + 1;
            if (b == OrchLexer.LBRACK && roles.index().get(t.getTokenIndex())) return false;
            return !(a == OrchLexer.LBRACE && b == OrchLexer.RBRACE);
        }

        private boolean closesInterpolation(Token t) {
            return t.getType() == OrchLexer.RBRACE && !open.isEmpty() && open.peek().interpolation();
        }

        private static boolean insideString(int type) {
            return type == OrchLexer.QUOTE || type == OrchLexer.TRIPLE_QUOTE || type == OrchLexer.STR_TEXT
                    || type == OrchLexer.STR_ESCAPE || type == OrchLexer.TSTR_TEXT || type == OrchLexer.TSTR_QUOTE
                    || type == OrchLexer.TSTR_ESCAPE || type == OrchLexer.STR_INTERP || type == OrchLexer.TSTR_INTERP;
        }

        private static boolean continuesString(int type) {
            return type == OrchLexer.STR_END || type == OrchLexer.TSTR_END || type == OrchLexer.STR_TEXT
                    || type == OrchLexer.STR_ESCAPE || type == OrchLexer.TSTR_TEXT || type == OrchLexer.TSTR_QUOTE
                    || type == OrchLexer.TSTR_ESCAPE || type == OrchLexer.STR_INTERP || type == OrchLexer.TSTR_INTERP;
        }

        private boolean opens(Token t) {
            int type = t.getType();
            return type == OrchLexer.LPAREN || type == OrchLexer.LBRACK || type == OrchLexer.LBRACE;
        }

        private boolean closes(Token t) {
            int type = t.getType();
            return (type == OrchLexer.RPAREN || type == OrchLexer.RBRACK || type == OrchLexer.RBRACE)
                    && !open.isEmpty() && !open.peek().interpolation();
        }

        private static boolean known(int type) {
            return KNOWN.contains(OrchLexer.VOCABULARY.getSymbolicName(type));
        }

        private static boolean comment(Token t) {
            return t.getType() == OrchLexer.LINE_COMMENT || t.getType() == OrchLexer.BLOCK_COMMENT;
        }

        private static String textOf(Token t) {
            return t.getType() == OrchLexer.LINE_COMMENT ? t.getText().stripTrailing() : t.getText();
        }

        private static int endLine(Token t) {
            String text = t.getText();
            int lines = 0;
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lines++;
            return t.getLine() + lines;
        }

        private void trimTrailingSpace() {
            int end = out.length();
            while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) end--;
            out.setLength(end);
        }
    }
}
