package dev.orch.compiler.parse;

import static dev.orch.grammar.OrchParser.*;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.grammar.OrchLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns ANTLR's first syntax error into one Orch diagnostic and stops the parse: after the first mistake ANTLR's
 * recovery mostly produces noise, so the user gets one precise message instead of a cascade.
 *
 * <p>Each rule below recognises one mistake users make (an unclosed block, a missing comma, `else` on its own, a
 * keyword used as a name...) from the parser's state, the offending token and its neighbours, and says it in the
 * script's terms. What no rule recognises falls through to "expected X after Y, found Z" with a hint for the
 * construct being written.
 */
final class SyntaxErrors extends BaseErrorListener {
    /** Thrown out of the parser to stop it at the first error; carries the diagnostic. */
    static final class Stop extends RuntimeException {
        final Diagnostic diagnostic;

        Stop(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    private final SourceFile source;
    private final String file;
    private String[] lines;

    SyntaxErrors(SourceFile source) {
        this.source = source;
        this.file = source.path();
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        Parser parser = (Parser) recognizer;
        Token token = (Token) offendingSymbol;
        // `workflo main(`: the declarations that start with a word (`type`, `mcp`) are told apart only after it,
        // so the error comes a few tokens late; the word that starts no declaration is what to report.
        if (e instanceof NoViableAltException n && parser.getContext().getClass() == DeclarationContext.class
                && n.getStartToken().getType() == NAME) {
            token = n.getStartToken();
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        throw new Stop(explain(parser, parser.getContext(), token, expected));
    }

    private Diagnostic explain(Parser parser, ParserRuleContext ctx, Token token, IntervalSet expected) {
        int type = token.getType();
        Token prev = previous(parser, token);
        if (type == OrchLexer.UNCLOSED_COMMENT) {
            return error(token.getLine(), token.getCharPositionInLine() + 1, 2,
                    "unclosed comment: '/*' has no matching '*/'", "close the comment with */");
        }
        if (type == OrchLexer.BAD_NUMBER) {
            return error(token, "bad number or duration '" + token.getText() + "'", AstBuilder.badNumberHint(token.getText()));
        }

        Diagnostic inString = explainInString(parser, ctx, token, expected);
        if (inString != null) return inString;
        if (type == OrchLexer.BAD_CHAR) return badCharacter(token);

        if (type == Token.EOF) {
            Diagnostic unclosed = unclosedAtEnd(parser, ctx, token);
            if (unclosed != null) return unclosed;
        }
        Diagnostic bracket = unclosedBracket(parser, ctx, token, prev);
        if (bracket != null) return bracket;
        Diagnostic misplaced = misplacedWord(parser, ctx, token, prev, expected);
        if (misplaced != null) return misplaced;
        Diagnostic typo = misspelledKeyword(parser, ctx, token, prev, expected);
        if (typo != null) return typo;

        if (enclosing(ctx, EntriesContext.class, MapExprContext.class) != null && expected.contains(COMMA)
                && startsEntry(type) && onSameLine(prev, token)) {
            return error(token, "expected ',' or a new line between entries, found " + TokenNames.describe(token),
                    "separate entries with commas: { a: 1, b: 2 }");
        }
        Diagnostic comma = missingComma(ctx, token, prev, expected);
        if (comma != null) return comma;

        Diagnostic method = methodCall(parser, token, prev);
        if (method != null) return method;
        if (expected.contains(NL) && type != Token.EOF && !expected.contains(type)
                && (ctx instanceof BlockContext || ctx instanceof ProgramContext) && onSameLine(prev, token)) {
            return error(token, "unexpected " + bare(token) + " after the end of a statement",
                    lineHasSemicolon(parser, token) ? "put each statement on its own line"
                            : "put each statement on its own line, or separate them with ';'");
        }
        if (ctx instanceof ProgramContext || ctx.getClass() == DeclarationContext.class) return atTopLevel(parser, ctx, token);
        String expectation = expectation(ctx, prev, expected);
        boolean value = expected.contains(NAME) && expected.contains(NUMBER) && !(ctx instanceof BlockContext);
        if (value && prev != null && prev.getLine() < token.getLine() && type != Token.EOF) {
            // `a =` or `a = 1 +` at the end of a line: the value is missing where the line ends, not where the next begins.
            return error(prev.getLine(), prev.getCharPositionInLine() + tokenLength(prev) + 1, 1,
                    "expected " + expectation + " after " + TokenNames.after(prev) + ", found " + TokenNames.describe(token)
                            + " on line " + token.getLine(), hintFor(ctx));
        }
        return error(token, "expected " + expectation + after(prev, token) + ", found " + TokenNames.describe(token),
                hintFor(ctx));
    }

    // ---- characters and strings -----------------------------------------------------------------------------

    private Diagnostic badCharacter(Token token) {
        String c = token.getText();
        String hint = switch (c) {
            case "$" -> "names need no '$': write name, and {name} inside text";
            case "@" -> "Orch has no '@'; call an agent or workflow by its name: writer(\"...\")";
            case "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb" -> "use straight double quotes: \"...\" (editors sometimes curl them)";
            case "'", "`" -> "text goes in double quotes: \"...\", or \"\"\"...\"\"\" over several lines";
            case "&", "|" -> "write 'and' and 'or' for logic";
            case "!" -> "write 'not' for negation ('!=' is not-equal)";
            case "#" -> "comments start with //";
            case "?" -> "Orch has no '?' operator; use if ... { } else { }";
            default -> "Orch has no such symbol; text belongs in quotes: \"...\"";
        };
        return error(token, c.equals("'") ? "unexpected single quote" : "unexpected character '" + c + "'", hint);
    }

    private Diagnostic explainInString(Parser parser, ParserRuleContext ctx, Token token, IntervalSet expected) {
        int type = token.getType();
        ParserRuleContext part = enclosing(ctx, StringPartContext.class, TripleStringPartContext.class);
        if (part != null && part.getStart() != null) {
            Token open = part.getStart();
            if (type == OrchLexer.RBRACE && previous(parser, token) == open) {
                return error(open, "empty interpolation '{}'", "write \\{ for a literal brace, or put a name inside: {name}");
            }
            if (type == OrchLexer.QUOTE || type == OrchLexer.TRIPLE_QUOTE) {
                return error(token, "expected '}' to close the interpolation opened at " + position(open)
                                + ", found the closing quote",
                        "end the interpolation with '}': \"hello {name}\"; write \\{ for a literal brace");
            }
            Token prev = previous(parser, token);
            if (type == OrchLexer.RBRACE && prev != null && expected.contains(NAME) && expected.contains(NUMBER)) {
                return error(token, "expected an expression after " + TokenNames.after(prev) + " in the interpolation opened at "
                                + position(open) + ", found '}'",
                        "an interpolation holds one whole expression, like {a + 1} or {reply.tokens_out}");
            }
            if (type != OrchLexer.STR_NEWLINE && type != Token.EOF) {
                return error(token, "unexpected " + bare(token) + " in the interpolation opened at "
                                + position(open),
                        "an interpolation holds one expression, like {name} or {reply.tokens_out}; write \\{ for a literal brace");
            }
        }
        StringContext string = (StringContext) enclosing(ctx, StringContext.class);
        if (string != null && (type == OrchLexer.STR_NEWLINE || type == Token.EOF)) {
            Token quote = string.getStart();
            boolean triple = quote.getType() == OrchLexer.TRIPLE_QUOTE;
            return error(quote, "unterminated string: the closing " + (triple ? "\"\"\"" : "\"") + " is missing",
                    triple ? "close the text with \"\"\"" : "a \"...\" string ends on its own line; use \"\"\"...\"\"\" for text over several lines");
        }
        return null;
    }

    // ---- brackets left open ---------------------------------------------------------------------------------

    /**
     * At end of file: the innermost bracket left open. When a `}` further up sits at a shallower indentation than
     * the line of the `{` it matched, that `{` is the one the user forgot to close, so the error points there.
     */
    private Diagnostic unclosedAtEnd(Parser parser, ParserRuleContext ctx, Token end) {
        ParserRuleContext open = innermostOpen(ctx);
        if (open == null) return null;
        String closer = closer(openToken(open));
        Diagnostic neverClosed = neverClosed(parser, ctx, end);
        if (neverClosed != null) return neverClosed;
        Token start = open instanceof BlockContext b ? blockStart(parser, b) : openToken(open);
        return error(end, "expected " + closer + " to close the " + owner(open) + " opened at " + position(start),
                "the file ends before it is closed; add " + closer + " where it ends");
    }

    /**
     * Before {@code until} (the end of the file, or a declaration that cannot be inside a block): when a `}` sits at a
     * shallower indentation than the line of the `{` it matched, that `{` is the one the user forgot to close.
     */
    private Diagnostic neverClosed(Parser parser, ParserRuleContext ctx, Token until) {
        Token[] suspect = misindentedPair(parser.getTokenStream(), outermostOpen(ctx), until);
        if (suspect != null) {
            Token brace = suspect[0];
            ParserRuleContext owner = contextOpenedBy(root(ctx), brace);
            String what = owner == null ? "block" : owner(owner);
            Token start = owner instanceof BlockContext b ? blockStart(parser, b) : brace;
            Span span = start.getLine() == brace.getLine()
                    ? new Span(file, start.getLine(), start.getCharPositionInLine() + 1,
                            brace.getCharPositionInLine() - start.getCharPositionInLine() + 1)
                    : spanOf(brace);
            int before = firstLineBackAt(brace.getLine(), indent(brace.getLine()));
            return Diagnostic.error(span, "the " + what + " is never closed: its '{' has no matching '}'",
                    "the '}' at " + position(suspect[1]) + " is indented like line " + lineOfIndent(suspect[1], brace)
                            + ", not like line " + brace.getLine() + "; add the missing '}'"
                            + (before > 0 ? " before line " + before : " where the block ends"));
        }
        return null;
    }

    /** An unclosed `(`, `[` or declaration body, noticed at a token on a later line that cannot continue it. */
    private Diagnostic unclosedBracket(Parser parser, ParserRuleContext ctx, Token token, Token prev) {
        ParserRuleContext open = innermostOpen(ctx);
        if (open == null || token.getType() == Token.EOF) return null;
        Token opener = openToken(open);
        String closer = closer(opener);
        int type = token.getType();
        if (isCloser(type) && !closer.equals("'" + token.getText() + "'")
                && !(open instanceof BlockContext || open instanceof EntriesContext || open instanceof MapExprContext)) {
            return error(token, "expected " + closer + " to close the " + owner(open) + " opened at " + position(opener)
                    + ", found '" + token.getText() + "'", "brackets close in the reverse order they open: f([a, b])");
        }
        if (open instanceof EntriesContext && prev != null && isDeclarationKeyword(prev.getType())
                && prev.getCharPositionInLine() == 0 && type != COLON) {
            return error(prev, "expected '}' to close the " + owner(open) + " opened at " + position(open.getParent().getStart())
                            + ", found '" + prev.getText() + "'",
                    "add '}' before line " + prev.getLine());
        }
        if (isDeclarationKeyword(type) && token.getCharPositionInLine() == 0
                && (open instanceof BlockContext || open instanceof EntriesContext)) {
            Diagnostic neverClosed = open instanceof BlockContext ? neverClosed(parser, ctx, token) : null;
            if (neverClosed != null) return neverClosed;
            Token start = open.getParent() != null ? open.getParent().getStart() : opener;
            return error(token, "expected '}' to close the " + owner(open) + " opened at " + position(start)
                    + ", found '" + token.getText() + "'", "add '}' before line " + token.getLine());
        }
        boolean parenLike = open instanceof CallExprContext || open instanceof ParenExprContext || open instanceof IndexExprContext
                || open instanceof ListExprContext || open instanceof WorkflowDeclContext || open instanceof ModelDeclContext;
        if (!parenLike || prev == null || prev.getLine() == token.getLine() || prev == opener) return null;
        // Inside ( ) and [ ] new lines are ignored, so a missing closer shows as the next line's first token. A token
        // indented no deeper than the line that opened the bracket starts new code rather than continuing the list.
        boolean newCode = indent(token.getLine()) <= indent(opener.getLine()) || startsStatementOnly(type);
        if (!newCode) return null;
        int col = prev.getCharPositionInLine() + tokenLength(prev) + 1;
        return error(prev.getLine(), col, 1, "expected " + closer + " to close the " + owner(open) + " opened at "
                        + position(opener),
                "add " + closer + " at the end of line " + prev.getLine() + ", or ',' to go on to the next line");
    }

    /** A `,` missing between arguments, list items or parameters written on one line. */
    private Diagnostic missingComma(ParserRuleContext ctx, Token token, Token prev, IntervalSet expected) {
        ParserRuleContext open = innermostOpen(ctx);
        int type = token.getType();
        if (open == null || type == Token.EOF || type == COMMA || !expected.contains(COMMA) && !expected.contains(RPAREN)
                && !expected.contains(RBRACK)) {
            return null;
        }
        if (!startsExpression(type) && !startsEntry(type)) return null;
        if (open instanceof WorkflowDeclContext w && type == LBRACE) {
            return error(token, "expected ')' to close the parameters of workflow '" + w.NAME().getText() + "' opened at "
                    + position(openToken(w)) + ", found '{'", "a workflow looks like: workflow main(topic: text = \"x\") { ... }");
        }
        return switch (open) {
            case CallExprContext c -> commaError(token, prev, "')'", "separate arguments with commas: f(x, key: value)");
            case ModelDeclContext m -> commaError(token, prev, "')'", "separate arguments with commas: mock(latency: 20ms, fail_first: 1)");
            case WorkflowDeclContext w -> commaError(token, prev, "')'",
                    "separate parameters with commas: workflow main(topic: text, rounds: number = 3)");
            case ListExprContext l -> commaError(token, prev, "']'", "separate list items with commas: [a, b, c]");
            default -> null;
        };
    }

    private Diagnostic commaError(Token token, Token prev, String closer, String hint) {
        return error(token, "expected ',' or " + closer + after(prev, token) + ", found " + TokenNames.describe(token), hint);
    }

    // ---- words in the wrong place ---------------------------------------------------------------------------

    private Diagnostic misplacedWord(Parser parser, ParserRuleContext ctx, Token token, Token prev, IntervalSet expected) {
        int type = token.getType();
        Token next = next(parser, token);
        boolean inBlock = enclosing(ctx, BlockContext.class) != null;
        Diagnostic foreign = foreignSyntax(parser, ctx, token, prev);
        if (foreign != null) return foreign;
        if (type == COMMA && prev != null && prev.getType() == COMMA) {
            return error(token, "two commas in a row", "remove one, or put an item between them");
        }
        if (prev != null && prev.getType() == BUDGET && type == NAME) {
            return error(token, "a budget has no name", "there is one budget for the whole run: budget { tokens: 200000, cost: 5.00 }");
        }
        ParserRuleContext open = innermostOpen(ctx);
        if (open instanceof MapExprContext map) {
            // `parallel max {`, `timeout {`, `for x in {`: the '{' of the block was read as a map, so the value is missing.
            Token brace = map.LBRACE().getSymbol();
            Token keyword = previous(parser, brace);
            String what = keyword == null ? null : headerValue(keyword.getType());
            if (what != null) {
                return error(brace, "expected " + what + " after '" + keyword.getText() + "', found '{'",
                        hintFor(enclosing(map, StatementContext.class, ForLoopContext.class, IfChainContext.class)));
            }
        }
        if (type == ASSIGN && prev != null && (prev.getType() == NAME || isKeyword(prev.getType()))
                && (open instanceof CallExprContext || open instanceof ModelDeclContext || open instanceof EntriesContext
                    || open instanceof MapExprContext)) {
            boolean call = open instanceof CallExprContext || open instanceof ModelDeclContext;
            return error(token, "expected ':' after '" + prev.getText() + "', found '='",
                    (call ? "named arguments" : "entries") + " use ':', as in " + prev.getText() + ": 10");
        }
        // `join(for g in gaps { ... }, "\n")` (read as a named argument `for:`, so ANTLR wants a ':') or `[for g in ...]`.
        Token forWord = prev != null && prev.getType() == OrchLexer.FOR && type == NAME ? prev
                : type == OrchLexer.FOR ? token : null;
        if (forWord != null && (open instanceof CallExprContext || open instanceof ListExprContext
                || open instanceof ParenExprContext || open instanceof IndexExprContext || open instanceof MapExprContext)) {
            Token variable = next(parser, forWord);
            return error(forWord, "'for' is a statement or the right side of an assignment, not a value inside an expression",
                    "collect first, then use the list: parts = for " + (variable != null && variable.getType() == NAME
                            ? variable.getText() : "x") + " in ... { ... }");
        }
        if (type == ASSIGN && inCondition(parser, token)) {
            return error(token, "'=' assigns a name; a condition compares with '=='", "write  if x == 1 { ... }");
        }
        if (isCloser(type) && type != RBRACE
                && (open == null || open instanceof BlockContext || open instanceof EntriesContext || open instanceof MapExprContext)) {
            String opener = type == RPAREN ? "'('" : "'['";
            return error(token, "unmatched '" + token.getText() + "': no " + opener + " is open here",
                    "remove it, or add the " + opener + " it was meant to close");
        }
        // `var model = 1`, `for model in xs`, `catch as timeout`, or `timeout = 5s` (noticed at the '=').
        if (isKeyword(type) && expected.contains(NAME) && !expected.contains(type)
                && (prev != null && (prev.getType() == VAR || prev.getType() == FOR || prev.getType() == AS)
                    || next != null && next.getType() == ASSIGN)) {
            return keywordAsName(token);
        }
        if (type == ASSIGN && prev != null && isKeyword(prev.getType()) && startsLine(parser, prev) && inBlock) {
            return keywordAsName(prev);
        }
        if (type == ASSIGN && inBlock && prev != null && isTarget(parser, prev)) {
            return error(token, "only a name can be assigned; '" + statementText(parser, token) + "' assigns to "
                            + (prev.getType() == RBRACK ? "an item" : "a field"),
                    "maps and lists are values: build a new one, as in  var m = { b: 1 }  then  m = { b: 2 }");
        }
        if (type == COLON && next != null && next.getType() == ASSIGN && onSameLine(token, next)) {
            return error(token.getLine(), token.getCharPositionInLine() + 1, 2, "Orch assigns with '=', not ':='",
                    "write  name = value");
        }
        if ((type == ELSE || type == CATCH || type == FALLBACK) && inBlock) {
            String owner = type == ELSE ? "if" : "try";
            String example = type == ELSE ? "if cond { ... } else { ... }"
                    : "try { ... } catch timeout as e { ... } fallback { ... }";
            return error(token, "'" + token.getText() + "' without " + ("if".equals(owner) ? "an" : "a") + " '" + owner
                    + "' just before it", "'" + token.getText() + "' goes right after the '}' of " + ("if".equals(owner) ? "an" : "a")
                    + " " + owner + " block: " + example);
        }
        if (isDeclarationKeyword(type) && inBlock) {
            return error(token, "'" + token.getText() + "' declarations belong at the top level, not inside a block",
                    "move it to the top level, outside every workflow" + (type == WORKFLOW ? "; workflows call each other by name" : ""));
        }
        if (enclosing(ctx, RetryStmtContext.class) != null && prev != null && prev.getType() == RETRY) {
            return error(token, "expected the number of attempts after 'retry', found " + TokenNames.describe(token),
                    "retry looks like: retry 3 backoff 1s max 30s jitter on timeout, server { ... }");
        }
        return null;
    }

    /** What a statement header keyword takes before its block, for `parallel max {` and the like. */
    private static String headerValue(int keyword) {
        return switch (keyword) {
            case MAX, RETRY -> "a number";
            case TIMEOUT, BACKOFF -> "a duration";
            case IN -> "a list";
            case IF, UNTIL -> "a condition";
            default -> null;
        };
    }

    /** Habits from other languages: `while`, `let`, `elif`, `x += 1`, `function f()`. */
    private Diagnostic foreignSyntax(Parser parser, ParserRuleContext ctx, Token token, Token prev) {
        int type = token.getType();
        if (type == ASSIGN && prev != null && onSameLine(prev, token) && prev.getStopIndex() + 1 == token.getStartIndex()
                && (prev.getType() == PLUS || prev.getType() == MINUS || prev.getType() == STAR || prev.getType() == SLASH)) {
            return error(prev.getLine(), prev.getCharPositionInLine() + 1, 2, "Orch has no '" + prev.getText() + "='",
                    "write  x = x " + prev.getText() + " 1  (with x declared by var x = ...)");
        }
        if ((type == PLUS || type == MINUS) && prev != null && prev.getType() == type && prev.getStopIndex() + 1 == token.getStartIndex()) {
            return error(prev.getLine(), prev.getCharPositionInLine() + 1, 2, "Orch has no '" + prev.getText() + token.getText() + "'",
                    "write  x = x " + token.getText() + " 1  (with x declared by var x = ...)");
        }
        if (type == NAME) {
            Diagnostic d = foreignWord(token);
            if (d != null) return d;
        }
        return prev != null && prev.getType() == NAME && startsLine(parser, prev) ? foreignWord(prev) : null;
    }

    private Diagnostic foreignWord(Token word) {
        String hint = switch (word.getText()) {
            case "elif", "elsif", "elseif" -> "write 'else if': if a { ... } else if b { ... } else { ... }";
            case "while" -> "Orch has no 'while'; write  loop until done { ... }  or  loop max 10 { ... }";
            case "let", "const", "val", "set" -> "names need no '" + word.getText() + "': write  x = 1, or  var x = 1  for one you will update";
            case "function", "def", "fn", "func", "fun", "proc" -> "reusable steps are workflows: workflow name(x: text) { ... return x }";
            case "foreach", "each" -> "write  for x in items { ... }";
            case "switch", "match", "case", "when" -> "write an if chain: if x == 1 { ... } else if x == 2 { ... } else { ... }";
            case "throw", "raise" -> "write  fail \"what went wrong\"";
            case "except", "rescue" -> "write  try { ... } catch timeout as e { ... }";
            case "async", "await", "spawn" -> "run things at once with  parallel { ... }; calls wait by themselves";
            default -> null;
        };
        if (hint == null) return null;
        return error(word, "'" + word.getText() + "' is not an Orch keyword", hint);
    }

    private Diagnostic keywordAsName(Token word) {
        return error(word, "'" + word.getText() + "' is a keyword and cannot be used as a name",
                "pick another name, like " + word.getText() + "_value; keywords may still be keys ({ "
                        + word.getText() + ": 1 }) and fields (reply." + word.getText() + ")");
    }

    private Diagnostic atTopLevel(Parser parser, ParserRuleContext ctx, Token token) {
        int type = token.getType();
        if (type == RBRACE) {
            return error(token, "unmatched '}': no block is open here",
                    "remove it, or look above for a block whose '{' is missing");
        }
        if (type == NAME) {
            String keyword = closestDeclarationKeyword(token.getText());
            if (keyword != null) {
                return error(token, "unknown declaration '" + token.getText() + "'; did you mean '" + keyword + "'?",
                        "a file holds declarations: model, agent, breaker, budget, workflow and import");
            }
        }
        Token prev = previousSignificant(parser, token);
        String hint = "statements go inside a workflow: workflow main() { ... }";
        if (type == SLASH && token.getCharPositionInLine() == 0) {
            hint = "comments start with //";
        } else if (prev != null && prev.getType() == RBRACE && closesWorkflow(root(ctx), prev) && startsStatement(parser, token)) {
            hint = "the '}' at " + position(prev) + " ends the workflow, so this is outside it; is there one '}' too many above?";
        }
        return error(token, "expected a declaration (model, agent, breaker, budget, workflow or import), found "
                + TokenNames.describe(token), hint);
    }

    /** `bakoff` where `backoff` fits, or `etry 3 {` at the start of a statement: a keyword with a typo. */
    private Diagnostic misspelledKeyword(Parser parser, ParserRuleContext ctx, Token token, Token prev, IntervalSet expected) {
        if (ctx instanceof ProgramContext || ctx.getClass() == DeclarationContext.class) return null;
        if (token.getType() == NAME && !usedElsewhere(parser, token)) {
            List<String> words = new ArrayList<>();
            for (int t : expected.toArray()) if (isKeyword(t)) words.add(OrchLexer.VOCABULARY.getLiteralName(t).replace("'", ""));
            String keyword = closest(token.getText(), words);
            if (keyword != null) {
                return error(token, "unknown word '" + token.getText() + "'; did you mean '" + keyword + "'?", hintFor(ctx));
            }
        }
        if (prev != null && prev.getType() == NAME && startsLine(parser, prev) && !usedElsewhere(parser, prev)
                && (ctx instanceof BlockContext || ctx instanceof StatementContext)) {
            // One edit only: at the start of a statement a short name is more often the user's own than a typo.
            String keyword = closest(prev.getText(), 1, List.of("var", "sequence", "parallel", "dag", "race", "retry", "timeout",
                    "if", "for", "loop", "try", "phase", "print", "return", "fail", "break"));
            if (keyword != null) {
                return error(prev, "unknown word '" + prev.getText() + "'; did you mean '" + keyword + "'?",
                        "a statement is an assignment (x = ...), a call, or starts with a keyword such as " + keyword);
            }
        }
        return null;
    }

    /** Whether the word appears as a name somewhere else in the file: then it is the user's name, not a typo. */
    private static boolean usedElsewhere(Parser parser, Token word) {
        TokenStream tokens = parser.getTokenStream();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t != word && t.getType() == NAME && t.getText().equals(word.getText())) return true;
        }
        return false;
    }

    /** A declaration keyword one or two typos away from the word (`workflo`, `mdel`), or null. */
    private static String closestDeclarationKeyword(String word) {
        return closest(word, List.of("model", "agent", "breaker", "budget", "workflow", "import"));
    }

    /** The word of the list at most two edits away (fewer for short words), or null. */
    private static String closest(String word, List<String> keywords) {
        return closest(word, 2, keywords);
    }

    private static String closest(String word, int maxDistance, List<String> keywords) {
        String best = null;
        int bestDistance = maxDistance + 1;
        for (String keyword : keywords) {
            int d = editDistance(word.toLowerCase(java.util.Locale.ROOT), keyword);
            if (d < bestDistance && d <= (keyword.length() - 1) / 2) {
                best = keyword;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) row[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** Whether the `}` is the end of a workflow's body (rather than of an agent or a budget). */
    private static boolean closesWorkflow(ParserRuleContext program, Token brace) {
        for (int i = 0; i < program.getChildCount(); i++) {
            if (program.getChild(i) instanceof WorkflowDeclContext w && w.block() != null && w.block().RBRACE() != null
                    && w.block().RBRACE().getSymbol() == brace) {
                return true;
            }
        }
        return false;
    }

    /** A token that begins a statement: a statement keyword, or a name followed by `=` or `(`. */
    private static boolean startsStatement(Parser parser, Token token) {
        if (startsStatementOnly(token.getType()) || token.getType() == TIMEOUT) return true;
        Token next = next(parser, token);
        return token.getType() == NAME && next != null && (next.getType() == ASSIGN || next.getType() == LPAREN);
    }

    // ---- the fallback message -------------------------------------------------------------------------------

    private static String expectation(ParserRuleContext ctx, Token prev, IntervalSet expected) {
        boolean expression = expected.contains(NAME) && expected.contains(NUMBER);
        if (expression && prev != null) {
            String what = switch (prev.getType()) {
                case RETRY -> "the number of attempts";
                case TIMEOUT, BACKOFF -> "a duration";
                case MAX -> "a number";
                case IF, UNTIL -> "a condition";
                case IN -> "a list";
                case ASSIGN, COLON -> "a value";
                default -> null;
            };
            if (what != null) return what;
        }
        if (expression || ctx instanceof BlockContext && expected.contains(RBRACE)) {
            return ctx instanceof BlockContext ? "a statement or '}'" : "an expression";
        }
        if (ctx instanceof ModelDeclContext && prev != null && prev.getType() == ASSIGN) {
            return "a provider (mock, openai, anthropic or ollama)";
        }
        if (prev != null && prev.getType() == DOT) return "a field name";
        if (prev != null && (prev.getType() == ON || prev.getType() == COMMA && ctx instanceof KindsContext)) {
            return "an error kind (" + String.join(", ", Arrays.stream(ErrorKind.values())
                    .map(ErrorKind::word).toList()) + ")";
        }
        if (expected.contains(PARALLEL) && expected.contains(RETRY)) {
            return ctx instanceof BlockContext || ctx instanceof StatementContext ? "a statement" : "a name";
        }
        List<String> names = new ArrayList<>();
        for (int t : expected.toArray()) {
            if (t == OrchLexer.SEMI || t == OrchLexer.STR_NEWLINE) continue;
            // A '{' may sit on the next line, so "end of line" is only ever a detail next to it.
            if (t == OrchLexer.NL && expected.contains(LBRACE)) continue;
            String name = TokenNames.expected(t);
            if (!names.contains(name)) names.add(name);
        }
        if (names.isEmpty()) return "something else";
        if (names.size() == 1) return names.get(0);
        if (names.size() == 2) return names.get(0) + " or " + names.get(1);
        if (names.size() > 6) return "one of " + String.join(", ", names.subList(0, 6)) + ", ...";
        return "one of " + String.join(", ", names);
    }

    /** "string" rather than "a string", after "unexpected". */
    private static String bare(Token token) {
        return TokenNames.describe(token).replaceFirst("^a ", "");
    }

    private static String after(Token prev, Token token) {
        return prev != null && prev.getLine() == token.getLine() ? " after " + TokenNames.after(prev) : "";
    }

    /** An example of the construct being written, from the innermost one that has a clear shape. */
    private static String hintFor(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            String hint = switch (c) {
                case ParamContext p -> "parameters look like: workflow main(topic: text = \"x\", rounds: number = 3)";
                case ParamsContext p -> "parameters look like: workflow main(topic: text = \"x\", rounds: number = 3)";
                case RetryStmtContext r -> "retry looks like: retry 3 backoff 1s max 30s jitter on timeout, server { ... }";
                case ForLoopContext f -> "for looks like: for x in items where x != \"\" parallel max 4 { ... }"
                        + " (`where` comes before `parallel`)";
                case LoopStmtContext l -> "loop looks like: loop max 5 until done { ... }";
                case TimeoutStmtContext t -> "timeout looks like: timeout 30s { ... }";
                case ParallelStmtContext p -> "parallel looks like: parallel max 4 settle { ... }";
                case PhaseStmtContext p -> "phase looks like: phase \"build\" { ... }";
                case CatchClauseContext cc -> "catch looks like: catch timeout, server as e { ... }";
                case IfChainContext i -> "if looks like: if cond { ... } else if other { ... } else { ... }";
                case EntryContext e -> "entries look like key: value, separated by commas or new lines";
                case EntriesContext e when e.LBRACE() == null -> null;
                case EntriesContext e -> "entries look like key: value, separated by commas or new lines";
                case ModelDeclContext m -> "a model looks like: model fast = mock(latency: 20ms)";
                case AgentDeclContext a -> "an agent looks like: agent writer extends base { model: fast, system: \"...\" }";
                case WorkflowDeclContext w -> "a workflow looks like: workflow main(topic: text = \"x\") { ... }";
                case BreakerDeclContext b -> "a breaker looks like: breaker flaky { failures: 3, window: 1m, cooldown: 30s }";
                case BudgetDeclContext b -> "a budget looks like: budget { tokens: 200000, cost: 5.00 }";
                case McpDeclContext m -> "an MCP server looks like: mcp files { command: \"npx\", args: [\"-y\", \"@modelcontextprotocol/server-filesystem\", \".\"] } or mcp docs { url: \"http://127.0.0.1:8931/mcp\" }";
                case ImportDeclContext i -> "an import looks like: import \"lib/agents.orch\"";
                case AssignStmtContext a -> "an assignment looks like: name = value, with the value starting on the same line";
                case VarStmtContext v -> "a variable looks like: var name = value, with the value starting on the same line";
                case ExprContext e -> "an expression is a name, a literal, a call like f(x, key: value), or operators between them";
                case PrimaryContext p -> "an expression is a name, a literal, a call like f(x, key: value), or operators between them";
                case BlockContext b when b.LBRACE() == null -> null;
                case BlockContext b -> "a statement is an assignment (x = ...), a call, or a block such as parallel { ... }";
                default -> null;
            };
            if (hint != null) return hint;
        }
        return "see LANGUAGE.md for the forms of declarations and statements";
    }

    // ---- parse-tree helpers ---------------------------------------------------------------------------------

    /** The innermost construct whose opening bracket has not been closed yet. */
    private static ParserRuleContext innermostOpen(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (openToken(c) != null && !isClosed(c)) return c;
        }
        return null;
    }

    /** The opening bracket of the outermost construct still open (the declaration the file ends inside). */
    private static Token outermostOpen(ParserRuleContext ctx) {
        Token outermost = null;
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (openToken(c) != null && !isClosed(c)) outermost = openToken(c);
        }
        return outermost;
    }

    private static boolean isClosed(ParserRuleContext c) {
        return switch (c) {
            case BlockContext b -> b.RBRACE() != null;
            case EntriesContext e -> e.RBRACE() != null;
            case MapExprContext m -> m.RBRACE() != null;
            case ListExprContext l -> l.RBRACK() != null;
            case CallExprContext call -> call.RPAREN() != null;
            case IndexExprContext i -> i.RBRACK() != null;
            case ParenExprContext p -> p.RPAREN() != null;
            case WorkflowDeclContext w -> w.RPAREN() != null;
            case ModelDeclContext m -> m.RPAREN() != null;
            default -> true;
        };
    }

    private static Token openToken(ParserRuleContext c) {
        TerminalNode node = switch (c) {
            case BlockContext b -> b.LBRACE();
            case EntriesContext e -> e.LBRACE();
            case MapExprContext m -> m.LBRACE();
            case ListExprContext l -> l.LBRACK();
            case CallExprContext call -> call.LPAREN();
            case IndexExprContext i -> i.LBRACK();
            case ParenExprContext p -> p.LPAREN();
            case WorkflowDeclContext w -> w.RPAREN() == null ? w.LPAREN() : null;
            case ModelDeclContext m -> m.RPAREN() == null ? m.LPAREN() : null;
            default -> null;
        };
        return node == null ? null : node.getSymbol();
    }

    private static String closer(Token open) {
        return switch (open.getType()) {
            case OrchLexer.LPAREN -> "')'";
            case OrchLexer.LBRACK -> "']'";
            default -> "'}'";
        };
    }

    /** What a bracket belongs to, for "to close the parallel block". */
    private static String owner(ParserRuleContext c) {
        if (c instanceof BlockContext) {
            return switch (c.getParent()) {
                case WorkflowDeclContext w -> "body of workflow '" + w.NAME().getText() + "'";
                case PhaseStmtContext p -> "phase " + p.string().getText() + " block";
                case ParallelStmtContext p -> "parallel block";
                case SequenceStmtContext s -> "sequence block";
                case DagStmtContext d -> "dag block";
                case RaceStmtContext r -> "race block";
                case RetryStmtContext r -> "retry block";
                case TimeoutStmtContext t -> "timeout block";
                case IfChainContext i -> i.block(0) == c ? "if block" : "else block";
                case ForLoopContext f -> "for block";
                case LoopStmtContext l -> "loop block";
                case TryStmtContext t -> t.block(0) == c ? "try block" : "fallback block";
                case CatchClauseContext cc -> "catch block";
                default -> "block";
            };
        }
        return switch (c) {
            case EntriesContext e -> switch (e.getParent()) {
                case AgentDeclContext a -> "body of agent '" + a.NAME(0).getText() + "'";
                case BreakerDeclContext b -> "body of breaker '" + b.NAME().getText() + "'";
                case BudgetDeclContext b -> "budget body";
                case McpDeclContext m -> "body of mcp server '" + m.NAME(1).getText() + "'";
                default -> "declaration body";
            };
            case MapExprContext m -> "map";
            case ListExprContext l -> "list";
            case IndexExprContext i -> "index";
            case CallExprContext call -> "call to '" + call.NAME().getText() + "'";
            case WorkflowDeclContext w -> "parameters of workflow '" + w.NAME().getText() + "'";
            case ModelDeclContext m -> "arguments of '" + m.NAME(1).getText() + "'";
            default -> "parenthesis";
        };
    }

    /** Where a block's statement starts, for "opened at": the keyword, or `else`/`fallback` for those blocks. */
    private static Token blockStart(Parser parser, BlockContext block) {
        Token brace = block.LBRACE().getSymbol();
        Token before = previousSignificant(parser, brace);
        if (before != null && (before.getType() == ELSE || before.getType() == FALLBACK)) return before;
        return block.getParent() != null ? block.getParent().getStart() : brace;
    }

    private static ParserRuleContext root(ParserRuleContext ctx) {
        ParserRuleContext c = ctx;
        while (c.getParent() != null) c = c.getParent();
        return c;
    }

    /** The block, declaration body or map whose `{` is the given token. Nesting is capped, so recursion is shallow. */
    private static ParserRuleContext contextOpenedBy(ParseTree tree, Token brace) {
        if (!(tree instanceof ParserRuleContext c)) return null;
        Token open = switch (c) {
            case BlockContext b -> b.LBRACE() == null ? null : b.LBRACE().getSymbol();
            case EntriesContext e -> e.LBRACE() == null ? null : e.LBRACE().getSymbol();
            case MapExprContext m -> m.LBRACE() == null ? null : m.LBRACE().getSymbol();
            default -> null;
        };
        if (open == brace) return c;
        for (int i = 0; i < c.getChildCount(); i++) {
            ParserRuleContext found = contextOpenedBy(c.getChild(i), brace);
            if (found != null) return found;
        }
        return null;
    }

    // ---- tokens and lines -----------------------------------------------------------------------------------

    /**
     * The first `{`...`}` pair (in the order the `}` appear) where the `}` starts its line at a shallower indentation
     * than the line of the `{`: in a file that ends with a block open, that `{` is most likely the unclosed one.
     */
    private Token[] misindentedPair(TokenStream tokens, Token from, Token until) {
        Deque<Token> open = new ArrayDeque<>();
        // Only inside the outermost construct left open: braces before it balanced, whatever their indentation.
        int end = until.getType() == Token.EOF ? tokens.size() : until.getTokenIndex();
        for (int i = from.getTokenIndex() + 1; i < end; i++) {
            Token t = tokens.get(i);
            switch (t.getType()) {
                case OrchLexer.LBRACE, OrchLexer.STR_INTERP, OrchLexer.TSTR_INTERP -> open.push(t);
                case OrchLexer.RBRACE -> {
                    if (open.isEmpty()) continue;
                    Token o = open.pop();
                    if (o.getType() == OrchLexer.LBRACE && t.getLine() > o.getLine() && indent(t.getLine()) == t.getCharPositionInLine()
                            && t.getCharPositionInLine() < indent(o.getLine())) {
                        return new Token[] {o, t};
                    }
                }
                default -> { }
            }
        }
        return null;
    }

    /** The line (before the `{`) whose indentation matches the misplaced `}`: what that `}` really closes. */
    private int lineOfIndent(Token closing, Token brace) {
        int want = closing.getCharPositionInLine();
        for (int line = brace.getLine() - 1; line >= 1; line--) {
            if (!isBlank(line) && indent(line) == want) return line;
        }
        return brace.getLine();
    }

    /** The first non-blank line after {@code from} indented no deeper than {@code indent}, or -1. */
    private int firstLineBackAt(int from, int indent) {
        for (int line = from + 1; line <= lines().length; line++) {
            if (!isBlank(line) && indent(line) <= indent) return line;
        }
        return -1;
    }

    /** A 1-based line of the source, split once: the heuristics above look at many lines. */
    private String line(int number) {
        if (lines == null) lines = source.text().split("\r?\n", -1);
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    private String[] lines() {
        line(1);
        return lines;
    }

    private boolean isBlank(int line) {
        String text = line(line).strip();
        return text.isEmpty() || text.startsWith("//");
    }

    private int indent(int line) {
        String text = line(line);
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i;
    }

    /** Whether the token sits in the condition of an `if`, `else if` or `loop ... until`, before its block. */
    private static boolean inCondition(Parser parser, Token token) {
        for (Token t = previous(parser, token); t != null && t.getLine() == token.getLine(); t = previous(parser, t)) {
            if (t.getType() == IF || t.getType() == UNTIL) return true;
            if (t.getType() == LBRACE || t.getType() == RBRACE || t.getType() == SEMI) return false;
        }
        return false;
    }

    private static boolean isTarget(Parser parser, Token prev) {
        // `a.b = 1` or `a[0] = 1`: the token before '=' ends a field or index at the start of a statement.
        if (prev.getType() == RBRACK) return true;
        Token before = previous(parser, prev);
        return before != null && before.getType() == DOT;
    }

    /** The text of the statement that holds the token, from its line's start up to the token. */
    private String statementText(Parser parser, Token token) {
        String line = line(token.getLine());
        int end = line.offsetByCodePoints(0, Math.min(token.getCharPositionInLine(), line.codePointCount(0, line.length())));
        return line.substring(0, end).strip();
    }

    private boolean startsLine(Parser parser, Token t) {
        return indent(t.getLine()) == t.getCharPositionInLine() || previous(parser, t) != null
                && previous(parser, t).getType() == SEMI;
    }

    private static boolean startsEntry(int type) {
        return type == NAME || type == QUOTE || type == TRIPLE_QUOTE || isKeyword(type);
    }

    private static boolean startsExpression(int type) {
        return switch (type) {
            case NAME, NUMBER, DURATION, BAD_NUMBER, QUOTE, TRIPLE_QUOTE, TRUE, FALSE, NULL, LBRACK, LBRACE, LPAREN,
                 MINUS, NOT -> true;
            default -> false;
        };
    }

    /** Words that begin a statement and nothing else, so they never continue an expression. */
    private static boolean startsStatementOnly(int type) {
        return switch (type) {
            case PRINT, RETURN, FAIL, BREAK, IF, FOR, LOOP, TRY, PHASE, PARALLEL, SEQUENCE, DAG, RACE, RETRY, VAR -> true;
            default -> false;
        };
    }

    private static boolean isCloser(int type) {
        return type == RPAREN || type == RBRACK || type == RBRACE;
    }

    private static boolean isKeyword(int type) {
        return type >= MODEL && type <= MATCHES;
    }

    private static boolean isDeclarationKeyword(int type) {
        return type == MODEL || type == AGENT || type == BREAKER || type == WORKFLOW || type == IMPORT || type == BUDGET;
    }

    private static boolean onSameLine(Token a, Token b) {
        return a != null && b != null && a.getLine() == b.getLine();
    }

    /**
     * `x.upper()`, `xs.append(3)`: a method call, which Orch does not have (a value's fields are read with a dot,
     * functions are builtins); and `"OK" in v`, Python's membership test, which Orch writes `v contains "OK"`.
     */
    private Diagnostic methodCall(Parser parser, Token token, Token prev) {
        if (token.getType() == OrchLexer.LPAREN && prev != null && prev.getType() == OrchLexer.NAME) {
            Token dot = previous(parser, prev);
            if (dot == null || dot.getType() != OrchLexer.DOT) return null;
            Token target = previous(parser, dot);
            String value = target == null ? "x" : target.getText();
            String name = prev.getText();
            String hint = switch (name) {
                case "append", "push", "add", "extend" -> "add to a list with +: " + value + " = " + value + " + [item]";
                case "contains", "includes", "has", "startswith", "endswith" ->
                        "test membership with the contains operator: " + value + " contains \"...\"";
                default -> dev.orch.compiler.lang.Builtin.find(name) != null
                        ? "call the builtin with the value first: " + name + "(" + value + ", ...)"
                        : "call a builtin with the value as its argument, such as len(" + value + ") or split("
                                + value + ", \",\"); `orch help builtins` lists them";
            };
            return error(prev, "Orch has no methods, so " + value + "." + name + "(...) calls nothing", hint);
        }
        if (token.getType() == OrchLexer.IN && prev != null) {
            return error(token, "Orch tests membership with contains, not in",
                    "write the collection first, then contains and the item, as in: reply contains \"OK\"");
        }
        return null;
    }

    private static boolean lineHasSemicolon(Parser parser, Token token) {
        for (Token t = previous(parser, token); t != null && t.getLine() == token.getLine(); t = previous(parser, t)) {
            if (t.getType() == SEMI) return true;
        }
        return false;
    }

    private static Token previous(Parser parser, Token token) {
        int i = token.getTokenIndex() - 1;
        while (i >= 0) {
            Token t = parser.getTokenStream().get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) return t;
            i--;
        }
        return null;
    }

    private static Token previousSignificant(Parser parser, Token token) {
        Token t = previous(parser, token);
        while (t != null && (t.getType() == NL || t.getType() == SEMI)) t = previous(parser, t);
        return t;
    }

    private static Token next(Parser parser, Token token) {
        TokenStream tokens = parser.getTokenStream();
        for (int i = token.getTokenIndex() + 1; i >= 1 && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) return t;
        }
        return null;
    }

    @SafeVarargs
    private static ParserRuleContext enclosing(ParserRuleContext ctx, Class<? extends ParserRuleContext>... types) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            for (Class<? extends ParserRuleContext> type : types) if (type.isInstance(c)) return c;
        }
        return null;
    }

    private static String position(Token t) {
        return t.getLine() + ":" + (t.getCharPositionInLine() + 1);
    }

    private static int tokenLength(Token t) {
        String text = t.getText();
        if (t.getType() == Token.EOF || text == null) return 1;
        int nl = text.indexOf('\n');
        String firstLine = nl < 0 ? text : text.substring(0, nl);
        return Math.max(1, firstLine.codePointCount(0, firstLine.length()));
    }

    private Span spanOf(Token t) {
        return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, tokenLength(t));
    }

    private Diagnostic error(Token t, String message, String hint) {
        return Diagnostic.error(spanOf(t), message, hint);
    }

    private Diagnostic error(int line, int col, int length, String message, String hint) {
        return Diagnostic.error(new Span(file, line, col, length), message, hint);
    }
}
