package dev.orch.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.check.DeclaredTypes;
import dev.orch.compiler.check.Suggest;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.lang.ReplyField;
import dev.orch.stdlib.value.Conformance;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Expressions to values. Calls (agents, workflows, builtins) are handed back to the interpreter. */
final class Evaluator {
    interface Calls {
        Value call(Expr.Call call, List<Value> args, Map<String, Value> options, Ctx ctx);
    }

    private final Calls calls;
    private final Map<String, DataType> types;
    /** Whether `calls(agent)` is the builtin, whose argument names an agent instead of holding a value. */
    private final boolean countsCalls;

    Evaluator(Calls calls, Map<String, DataType> types, boolean countsCalls) {
        this.calls = calls;
        this.types = types;
        this.countsCalls = countsCalls;
    }

    Value eval(Expr e, Ctx c) {
        return switch (e) {
            case Expr.Name n -> {
                Value v = c.scope().get(n.name());
                if (v == null) throw error(c, n.span(), "'" + n.name() + "' has no value here");
                yield v;
            }
            case Expr.Text t -> new Value.Text(t.value());
            case Expr.Num n -> new Value.Num(n.value());
            case Expr.Bool b -> Value.of(b.value());
            case Expr.Null n -> Value.NULL;
            case Expr.Duration d -> new Value.Num(d.millis());
            case Expr.Template t -> {
                StringBuilder b = new StringBuilder();
                for (Expr part : t.parts()) b.append(Values.show(eval(part, c)));
                yield new Value.Text(b.toString());
            }
            case Expr.ListOf l -> {
                List<Value> items = new ArrayList<>(l.items().size());
                for (Expr item : l.items()) items.add(eval(item, c));
                yield new Value.ListOf(items);
            }
            case Expr.MapOf m -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (var entry : m.entries()) entries.put(entry.key(), eval(entry.value(), c));
                yield new Value.MapOf(entries);
            }
            case Expr.Field f -> field(eval(f.target(), c), f, c);
            case Expr.Index i -> index(eval(i.target(), c), eval(i.index(), c), i, c);
            case Expr.Call call -> calls.call(call, args(call, c), options(call, c), c);
            case Expr.Unary u -> switch (u.op()) {
                case NOT -> Value.of(!bool(eval(u.operand(), c), u.operand().span(), c));
                case NEGATE -> new Value.Num(-number(eval(u.operand(), c), u.operand().span(), c));
            };
            case Expr.Binary b -> binary(b, c);
            case Expr.As a -> as(eval(a.value(), c), a, c);
        };
    }

    /** `x as T`: JSON text is parsed (strictly: one value, nothing around it), then the value must fit T. */
    private Value as(Value v, Expr.As a, Ctx c) {
        DataType type = DeclaredTypes.resolveIn(a.type(), types);
        String text = Values.text(v);
        if (text != null) {
            try {
                v = Values.parseJson(text);
            } catch (JsonProcessingException e) {
                throw RunError.of(ErrorKind.BAD_OUTPUT, "`as " + type.show() + "`: the text is not valid JSON: " + e.getOriginalMessage()
                        + " (text starts: \"" + abbreviate(text) + "\")", c.task(a.span().position()), a.span(), c.attempt());
            }
        }
        try {
            return Conformance.conform(v, type);
        } catch (Conformance.Mismatch m) {
            throw RunError.of(ErrorKind.BAD_OUTPUT, "`as " + type.show() + "`: " + m.getMessage(), c.task(a.span().position()), a.span(), c.attempt());
        }
    }

    List<Value> args(Expr.Call call, Ctx c) {
        if (countsCalls && call.callee().equals(Builtin.CALLS.callName) && call.args().size() == 1
                && call.args().get(0) instanceof Expr.Name agent) {
            return List.of(new Value.Text(agent.name()));
        }
        List<Value> args = new ArrayList<>(call.args().size());
        for (Expr a : call.args()) args.add(eval(a, c));
        return args;
    }

    Map<String, Value> options(Expr.Call call, Ctx c) {
        Map<String, Value> options = new LinkedHashMap<>();
        for (Expr.Option o : call.options()) {
            // `model: smart` names a declared model, which is not a value a scope holds.
            if (o.name().equals("model") && o.value() instanceof Expr.Name n && c.scope().get(n.name()) == null) {
                options.put("model", new Value.Text(n.name()));
            } else {
                options.put(o.name(), eval(o.value(), c));
            }
        }
        return options;
    }

    boolean condition(Expr e, Ctx c) {
        return bool(eval(e, c), e.span(), c);
    }

    private Value binary(Expr.Binary b, Ctx c) {
        if (b.op() == Expr.BinaryOp.AND) {
            return Value.of(condition(b.left(), c) && condition(b.right(), c));
        }
        if (b.op() == Expr.BinaryOp.OR) {
            return Value.of(condition(b.left(), c) || condition(b.right(), c));
        }
        return apply(b, eval(b.left(), c), eval(b.right(), c), c);
    }

    /** A binary operator other than `and` and `or`, on operands already evaluated (`expect` shows them). */
    Value apply(Expr.Binary b, Value l, Value r, Ctx c) {
        Span s = b.span();
        return switch (b.op()) {
            case ADD -> add(l, r, s, c);
            case SUB -> new Value.Num(number(l, b.left().span(), c) - number(r, b.right().span(), c));
            case MUL -> new Value.Num(number(l, b.left().span(), c) * number(r, b.right().span(), c));
            case DIV -> {
                double d = number(r, b.right().span(), c);
                if (d == 0) throw error(c, b.right().span(), "division by zero");
                yield new Value.Num(number(l, b.left().span(), c) / d);
            }
            case MOD -> {
                double d = number(r, b.right().span(), c);
                if (d == 0) throw error(c, b.right().span(), "division by zero");
                yield new Value.Num(number(l, b.left().span(), c) % d);
            }
            case EQ -> Value.of(Values.same(l, r));
            case NE -> Value.of(!Values.same(l, r));
            case LT, LE, GT, GE -> {
                int cmp = compare(l, r, s, c);
                yield Value.of(switch (b.op()) {
                    case LT -> cmp < 0;
                    case LE -> cmp <= 0;
                    case GT -> cmp > 0;
                    default -> cmp >= 0;
                });
            }
            case CONTAINS -> Value.of(contains(l, r, s, c));
            case MATCHES -> {
                String text = Values.text(l);
                String regex = Values.text(r);
                if (text == null || regex == null) throw error(c, s, "'matches' needs text on both sides, not a "
                        + Values.typeName(l) + " and a " + Values.typeName(r));
                try {
                    yield Value.of(Pattern.compile(regex).matcher(text).find());
                } catch (PatternSyntaxException e) {
                    throw error(c, b.right().span(), "not a valid regular expression: " + e.getDescription());
                }
            }
            case AND -> Value.of(bool(l, b.left().span(), c) && bool(r, b.right().span(), c));
            case OR -> Value.of(bool(l, b.left().span(), c) || bool(r, b.right().span(), c));
        };
    }

    private Value add(Value l, Value r, Span s, Ctx c) {
        if (l instanceof Value.Num a && r instanceof Value.Num b) return new Value.Num(a.value() + b.value());
        if (l instanceof Value.ListOf a && r instanceof Value.ListOf b) {
            List<Value> items = new ArrayList<>(a.items());
            items.addAll(b.items());
            return new Value.ListOf(items);
        }
        if (Values.text(l) != null && Values.text(r) != null) return new Value.Text(Values.text(l) + Values.text(r));
        // The same rule as the type checker, for values whose type it could not know.
        throw error(c, s, "cannot add a " + Values.typeName(l) + " and a " + Values.typeName(r)
                + ": '+' adds numbers, joins texts and joins lists; build text with interpolation: \"{a}{b}\"");
    }

    private int compare(Value l, Value r, Span s, Ctx c) {
        if (l instanceof Value.Num a && r instanceof Value.Num b) return Double.compare(a.value(), b.value());
        String a = Values.text(l);
        String b = Values.text(r);
        if (a != null && b != null) return a.compareTo(b);
        throw error(c, s, "cannot compare a " + Values.typeName(l) + " with a " + Values.typeName(r));
    }

    private boolean contains(Value l, Value r, Span s, Ctx c) {
        if (l instanceof Value.ListOf list) return list.items().stream().anyMatch(i -> Values.same(i, r));
        if (l instanceof Value.MapOf map) {
            String key = Values.text(r);
            return key != null && map.entries().containsKey(key);
        }
        String text = Values.text(l);
        if (text == null) throw error(c, s, "'contains' looks in text, a list or a map, not a " + Values.typeName(l));
        return text.contains(Values.show(r));
    }

    /**
     * `x.name`: a map's key (a missing one is `bad_output` naming the fields it has, decision 3), else the usage of
     * the reply a map, list or text answers for (`.tokens_in`, ...): a key of that name wins over the reply's field.
     */
    private Value field(Value target, Expr.Field f, Ctx c) {
        if (target instanceof Value.MapOf m) {
            Value v = m.entries().get(f.name());
            if (v != null) return v;
            ReplyField usage = m.reply() == null ? null : ReplyField.find(f.name());
            if (usage != null) return replyField(m.reply(), usage);
            throw missingField(m, f, c);
        }
        Value.Reply reply = switch (target) {
            case Value.Reply r -> r;
            case Value.ListOf l -> l.reply();
            default -> null;
        };
        if (reply != null) {
            ReplyField field = ReplyField.find(f.name());
            if (field == null) {
                throw error(c, f.span(), "a reply has no field '" + f.name() + "'; it has tokens_in, tokens_out, cost, model, ms, attempts, turns, tool_calls");
            }
            return replyField(reply, field);
        }
        throw error(c, f.span(), "'." + f.name() + "' needs a map or a reply, not a " + Values.typeName(target));
    }

    private static Value replyField(Value.Reply r, ReplyField field) {
        return switch (field) {
            case TOKENS_IN -> new Value.Num(r.tokensIn());
            case TOKENS_OUT -> new Value.Num(r.tokensOut());
            case COST -> new Value.Num(r.cost());
            case MODEL -> new Value.Text(r.model());
            case MS -> new Value.Num(r.ms());
            case ATTEMPTS -> new Value.Num(r.attempts());
            case TURNS -> new Value.Num(r.turns());
            case TOOL_CALLS -> new Value.ListOf(r.toolCalls());
        };
    }

    /** `spec.titel` on a map without that key: `bad_output` (retryable: a model may give the field next time). */
    private static RunError missingField(Value.MapOf m, Expr.Field f, Ctx c) {
        List<String> keys = List.copyOf(m.entries().keySet());
        String owner = AstPrinter.print(f.target());
        String has = keys.isEmpty() ? "it has no fields" : "its fields are " + Suggest.allOf(keys);
        String close = Suggest.closest(f.name(), keys);
        return RunError.of(ErrorKind.BAD_OUTPUT, owner + " has no field '" + f.name() + "'; " + has
                + (close != null ? " (did you mean '" + close + "'?)" : "")
                + "; get(" + owner + ", \"" + f.name() + "\", default) reads a field that may be missing",
                c.task(f.span().position()), f.span(), c.attempt());
    }

    private Value index(Value target, Value index, Expr.Index i, Ctx c) {
        if (target instanceof Value.ListOf l) {
            int n = (int) number(index, i.index().span(), c);
            // A negative index counts from the end: xs[-1] is the last item.
            int at = n < 0 ? n + l.items().size() : n;
            if (at < 0 || at >= l.items().size()) {
                throw error(c, i.index().span(), "index " + n + " is outside the list of " + l.items().size() + " items");
            }
            return l.items().get(at);
        }
        if (target instanceof Value.MapOf m) {
            String key = Values.text(index);
            Value v = key == null ? null : m.entries().get(key);
            return v == null ? Value.NULL : v;
        }
        String text = Values.text(target);
        if (text != null) {
            int n = (int) number(index, i.index().span(), c);
            int length = text.codePointCount(0, text.length());
            int position = n < 0 ? n + length : n;
            if (position < 0 || position >= length) throw error(c, i.index().span(), "index " + n + " is outside the text of " + length + " characters");
            int at = text.offsetByCodePoints(0, position);
            return new Value.Text(new String(Character.toChars(text.codePointAt(at))));
        }
        throw error(c, i.span(), "cannot index a " + Values.typeName(target));
    }

    private static double number(Value v, Span s, Ctx c) {
        if (v instanceof Value.Num n) return n.value();
        throw error(c, s, "expected a number, got a " + Values.typeName(v) + " (" + abbreviate(Values.show(v)) + ")");
    }

    boolean truth(Value v, Span s, Ctx c) {
        return bool(v, s, c);
    }

    private static boolean bool(Value v, Span s, Ctx c) {
        if (v instanceof Value.Bool b) return b.value();
        throw error(c, s, "expected true or false, got a " + Values.typeName(v) + " (" + abbreviate(Values.show(v)) + ")");
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 60) + "...";
    }

    static RunError error(Ctx c, Span s, String message) {
        return RunError.of(ErrorKind.FAIL, message, c.task(s.position()), s, c.attempt());
    }
}
