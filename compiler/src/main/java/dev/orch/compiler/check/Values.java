package dev.orch.compiler.check;

import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.Key;
import dev.orch.compiler.load.StandardLibrary;
import dev.orch.compiler.lang.Type;
import dev.orch.compiler.lang.ValueKind;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one value against the {@link ValueKind} its key accepts. Declarations hold constants, so there a value
 * must be a literal; in a call it may be any expression of the right type, and a literal is also range-checked.
 */
final class Values {
    private final Declarations declarations;
    private final Usage usage;
    private final Diagnostics diagnostics;
    private boolean standardModelReported;

    Values(Declarations declarations, Usage usage, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.usage = usage;
        this.diagnostics = diagnostics;
    }

    /** A declaration's value: a literal of the kind the key wants. */
    void checkConstant(Key key, Expr value) {
        switch (key.kind()) {
            case MODEL -> checkReference(key, value, Declarations.Kind.MODEL);
            case BREAKER -> checkReference(key, value, Declarations.Kind.BREAKER);
            case RULES -> checkRules(key, value);
            case TOOLS -> { } // ToolChecker: the names are references to tools, not values.
            case MAP -> {
                if (!(value instanceof Expr.MapOf)) wrong(key, value, "write a map: { key: value }");
            }
            case TEXTS -> {
                if (!(value instanceof Expr.ListOf list)) {
                    wrong(key, value, "write a list in brackets: [\"-y\", \"server\"]");
                } else {
                    for (Expr item : list.items()) if (!(item instanceof Expr.Text)) wrong(key, item, "write each item as text in quotes");
                }
            }
            case TEXT_MAP -> {
                if (!(value instanceof Expr.MapOf map)) {
                    wrong(key, value, "write a map: { NAME: \"value\" }");
                } else {
                    for (Entry e : map.entries()) if (!(e.value() instanceof Expr.Text)) wrong(key, e.value(), "write each value as text in quotes");
                }
            }
            case ANY -> { }
            default -> {
                Object constant = constant(value);
                if (constant == null && !(value instanceof Expr.Null)) {
                    if (value instanceof Expr.Template) {
                        diagnostics.error(value.span(), "'" + key.name() + "' must be a constant; a declaration has no names to interpolate",
                                "write the text out in full; a '{' that is meant literally is written \\{");
                    } else {
                        diagnostics.error(value.span(), "'" + key.name() + "' must be a constant: " + key.kind().description,
                                "declarations are read before anything runs, so their values are written as literals");
                    }
                    return;
                }
                checkLiteral(key, value, constant);
            }
        }
    }

    /** A call option's value: an expression of the right type; a literal is also range-checked. */
    void checkExpression(Key key, Expr value, Type type) {
        switch (key.kind()) {
            case MODEL -> {
                // A bare name is resolved (and reported when unknown) by the NameResolver.
                if (!(value instanceof Expr.Name)) wrong(key, value, "write the model's name bare: model: fast");
            }
            case BREAKER, RULES -> checkConstant(key, value);
            default -> {
                Object constant = constant(value);
                if (constant != null) {
                    checkLiteral(key, value, constant);
                } else if (!type.fits(key.kind().type)) {
                    wrong(key, value, type.describe() + " cannot stand here");
                }
            }
        }
    }

    private void checkLiteral(Key key, Expr value, Object constant) {
        ValueKind kind = key.kind();
        switch (kind) {
            case TEXT, ENV_VAR, FORMAT, REGEX, HTTP_METHOD -> {
                if (!(constant instanceof String s)) {
                    wrong(key, value, kind == ValueKind.FORMAT ? "write format: \"json\" or format: \"text\"" : "put it in quotes");
                    return;
                }
                if (kind == ValueKind.HTTP_METHOD && !List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").contains(s)) {
                    String upper = s.toUpperCase(java.util.Locale.ROOT);
                    wrong(key, value, List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").contains(upper)
                            ? "write it in capitals: \"" + upper + "\"" : "the methods are GET, POST, PUT, PATCH, DELETE and HEAD");
                } else if (kind == ValueKind.FORMAT && !s.equals("text") && !s.equals("json")) {
                    wrong(key, value, "the formats are \"text\" (the default) and \"json\"");
                } else if (kind == ValueKind.REGEX) {
                    checkRegex(value.span(), s);
                } else if (kind == ValueKind.ENV_VAR && !s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    diagnostics.error(value.span(), "'" + key.name() + "' names an environment variable, and \"" + abbreviate(s)
                            + "\" is not a variable name", "never write a key into a script: put it in an environment variable and name that, as api_key_env: \"OPENAI_API_KEY\"");
                }
            }
            case NUMBER -> {
                if (!(constant instanceof Double)) wrong(key, value, "write a number such as 0.5");
            }
            case COUNT, WHOLE -> {
                long min = kind == ValueKind.COUNT ? 1 : 0;
                if (!(constant instanceof Double d) || d != Math.rint(d) || d < min) {
                    wrong(key, value, constant instanceof Double d && d == Math.rint(d) ? "it must be at least " + min
                            : "write a whole number such as 3");
                }
            }
            case TEMPERATURE -> {
                if (!(constant instanceof Double d) || d < 0 || d > 2) wrong(key, value, "write a number from 0 (focused) to 2 (varied), such as 0.7");
            }
            case FRACTION -> {
                if (!(constant instanceof Double d) || d < 0 || d > 1) wrong(key, value, "write a number from 0 to 1, such as 0.2");
            }
            case DURATION -> {
                if (!(constant instanceof Long)) {
                    String hint = constant instanceof Double d ? "add a unit: " + format(d) + "s or " + format(d) + "ms"
                            : "write a number and a unit: 250ms, 30s, 5m or 1h";
                    wrong(key, value, hint);
                }
            }
            default -> { }
        }
    }

    private void checkReference(Key key, Expr value, Declarations.Kind kind) {
        String noun = kind == Declarations.Kind.MODEL ? "model" : "breaker";
        if (!(value instanceof Expr.Name name)) {
            String hint = value instanceof Expr.Text t && declarations.find(t.value(), kind) != null
                    ? "write the name without quotes: " + key.name() + ": " + t.value()
                    : "write the name of a declared " + noun + ", without quotes";
            wrong(key, value, hint);
            return;
        }
        if (declarations.find(name.name(), kind) != null) {
            usage.use(name.name());
            return;
        }
        if (kind == Declarations.Kind.MODEL && name.name().equals(StandardLibrary.MODEL)
                && value.span().file().startsWith(StandardLibrary.PREFIX)) {
            // Every standard role names it: one error says what to do, not one per role.
            if (!standardModelReported) {
                standardModelReported = true;
                // Point at the user's import, not inside the module, which the user did not write.
                var i = declarations.standardImport();
                diagnostics.error(i == null ? value.span() : i.pathSpan(), "the agents of the standard library run on a model named '"
                        + StandardLibrary.MODEL + "', and this script declares none", "declare it in your script: model " + StandardLibrary.MODEL
                        + " = openai(\"gpt-4o-mini\") (or mock() to try the script offline)");
            }
            return;
        }
        Declarations.Global other = declarations.find(name.name());
        String hint = other != null ? "'" + name.name() + "' is " + other.article() + ", not " + kind.article
                : Suggest.didYouMean(name.name(), declarations.names(kind), declarations.names(kind).isEmpty()
                        ? "declare one first: " + (kind == Declarations.Kind.MODEL ? "model fast = mock()" : "breaker b { failures: 3, window: 1m, cooldown: 30s }")
                        : "the declared " + noun + "s are " + Suggest.allOf(declarations.names(kind)));
        diagnostics.error(value.span(), "unknown " + noun + " '" + name.name() + "'", hint);
    }

    private void checkRules(Key key, Expr value) {
        if (!(value instanceof Expr.MapOf map)) {
            wrong(key, value, "write rules: { \"REGEX\": \"reply\", ... }");
            return;
        }
        for (Entry e : map.entries()) {
            checkRegex(e.keySpan(), e.key());
            if (e.value() instanceof Expr.ListOf turns) {
                checkTurns(turns);
            } else if (!(e.value() instanceof Expr.Text)) {
                diagnostics.error(e.value().span(), "a mock rule's reply must be plain text, or a list of turns",
                        "write the reply in quotes, with \\{ for a literal brace; $0 in it stands for the matched text;"
                                + " or script tool use: [{ call: \"read\", args: { path: \"a.txt\" } }, \"done: $result\"]");
            }
        }
    }

    /** `[{ call: "read", args: {...} }, [call, call], "final text"]`: calls, parallel calls, then at most one text, last. */
    private void checkTurns(Expr.ListOf turns) {
        if (turns.items().isEmpty()) {
            diagnostics.error(turns.span(), "a mock rule's list of turns is empty",
                    "list the turns: [{ call: \"read\", args: { path: \"a.txt\" } }, \"done: $result\"]");
            return;
        }
        for (int i = 0; i < turns.items().size(); i++) {
            Expr t = turns.items().get(i);
            switch (t) {
                case Expr.Text text -> {
                    if (i < turns.items().size() - 1) {
                        diagnostics.error(t.span(), "a text turn is the model's answer, so it ends the conversation",
                                "put the text last, after the tool calls");
                    }
                }
                case Expr.MapOf call -> checkCall(call);
                case Expr.ListOf calls when !calls.items().isEmpty() -> {
                    for (Expr c : calls.items()) {
                        if (c instanceof Expr.MapOf call) checkCall(call);
                        else diagnostics.error(c.span(), "a list in a turn holds tool calls run in parallel",
                                "write each as { call: \"read\", args: { path: \"a.txt\" } }");
                    }
                }
                default -> diagnostics.error(t.span(), "a turn is a tool call, a list of them, or the final text",
                        "write { call: \"read\", args: { path: \"a.txt\" } } or \"done: $result\"");
            }
        }
    }

    private void checkCall(Expr.MapOf call) {
        Expr tool = null;
        for (Entry e : call.entries()) {
            switch (e.key()) {
                case "call" -> {
                    tool = e.value();
                    if (!(e.value() instanceof Expr.Text)) {
                        diagnostics.error(e.value().span(), "'call' names the tool in quotes", "write call: \"read\" or call: \"files.read_text_file\"");
                    }
                }
                case "args" -> {
                    if (!(e.value() instanceof Expr.MapOf) || !literal(e.value())) {
                        diagnostics.error(e.value().span(), "a call's 'args' is a map of literal values",
                                "write args: { path: \"a.txt\" }; a text may use $0, the matched text, and $result, the last tool result");
                    }
                }
                default -> diagnostics.error(e.keySpan(), "unknown key '" + e.key() + "' in a mock tool call",
                        Suggest.didYouMean(e.key(), List.of("call", "args"), "a call has call: and args:"));
            }
        }
        if (tool == null) {
            diagnostics.error(call.span(), "a mock tool call needs 'call', the tool's name", "write { call: \"read\", args: { path: \"a.txt\" } }");
        }
    }

    /** Texts (without interpolation), numbers, booleans, null, and lists and maps of them. */
    private static boolean literal(Expr e) {
        return switch (e) {
            case Expr.ListOf l -> l.items().stream().allMatch(Values::literal);
            case Expr.MapOf m -> m.entries().stream().allMatch(x -> literal(x.value()));
            case Expr.Null n -> true;
            default -> constant(e) != null;
        };
    }

    private void checkRegex(Span span, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            diagnostics.error(span, "not a valid regular expression: " + e.getDescription(),
                    "escape a literal ( [ { . * + ? with a backslash, written \\\\ inside quotes");
        }
    }

    private void wrong(Key key, Expr value, String hint) {
        diagnostics.error(value.span(), "'" + key.name() + "' expects " + key.kind().description, hint);
    }

    /** A literal's value: String, Double (numbers, including a negated one), Long (durations) or Boolean; else null. */
    static Object constant(Expr e) {
        if (e instanceof Expr.Text t) return t.value();
        if (e instanceof Expr.Num n) return n.value();
        if (e instanceof Expr.Duration d) return d.millis();
        if (e instanceof Expr.Bool b) return b.value();
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.Num n) {
            return -n.value();
        }
        return null;
    }

    static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String s) {
        return s.length() <= 8 ? s : s.substring(0, 4) + "...";
    }
}
