package dev.orch.compiler.check;

import static dev.orch.compiler.lang.Type.ANY;
import static dev.orch.compiler.lang.Type.BOOL;
import static dev.orch.compiler.lang.Type.DURATION;
import static dev.orch.compiler.lang.Type.LIST;
import static dev.orch.compiler.lang.Type.MAP;
import static dev.orch.compiler.lang.Type.NULL;
import static dev.orch.compiler.lang.Type.NUMBER;
import static dev.orch.compiler.lang.Type.REPLY;
import static dev.orch.compiler.lang.Type.TEXT;

import dev.orch.compiler.ast.AstWalk;
import dev.orch.compiler.ast.Block;
import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Entry;
import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.Stmt;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.Key;
import dev.orch.compiler.lang.Keys;
import dev.orch.compiler.lang.ReplyField;
import dev.orch.compiler.lang.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Types where they are known: conditions are booleans, `for` walks a list, operators get operands they accept,
 * arguments and options have the types their builtin or agent wants, and fields are read only from replies and
 * maps. Declared types ({@link DataType}) flow through names, `for` items, indexing, typed agents, workflow
 * returns and `as T`: a field the type lacks, a union compared with a text outside it and a value that does not fit
 * a parameter or a `-> T` are errors. A name's type is the join of everything assigned to it; unknown
 * ({@link DataType#ANY}) is never reported.
 */
final class TypeChecker {
    private static final int MAX_ROUNDS = 5;
    private static final List<String> REPLY_FIELDS = Arrays.stream(ReplyField.values()).map(ReplyField::fieldName).toList();

    private final Declarations declarations;
    private final Diagnostics diagnostics;
    private final Values values;
    private final DeclaredTypes types;
    private Map<String, DataType> known = new HashMap<>();
    private Map<String, DataType> assigned = new HashMap<>();
    private boolean reporting;
    private Decl.Workflow current;

    TypeChecker(Declarations declarations, Usage usage, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.diagnostics = diagnostics;
        this.values = new Values(declarations, usage, diagnostics);
        this.types = declarations.types();
    }

    void check(Decl.Workflow workflow) {
        // Names may be read before their assignment in a dag, and vars change in loops: settle the types first.
        known = new HashMap<>();
        current = workflow;
        reporting = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            assigned = HashMap.newHashMap(known.size());
            walk(workflow);
            boolean settled = same(assigned, known);
            known = assigned;
            if (settled) break;
        }
        reporting = true;
        assigned = HashMap.newHashMap(known.size());
        walk(workflow);
    }

    /** {@code Map.equals} by {@link DataType#same}, which spares the records' generated equals (docs/startup.md). */
    private static boolean same(Map<String, DataType> a, Map<String, DataType> b) {
        if (a.size() != b.size()) return false;
        for (Map.Entry<String, DataType> e : a.entrySet()) {
            DataType other = b.get(e.getKey());
            if (other == null || !DataType.same(e.getValue(), other)) return false;
        }
        return true;
    }

    /** The type of each name in the workflow {@link #check} last checked: the join of everything assigned to it. */
    Map<String, DataType> names() {
        return Map.copyOf(known);
    }

    private void walk(Decl.Workflow workflow) {
        for (Decl.Param p : workflow.params()) {
            DataType declared = p.type() == null ? null : types.resolve(p.type());
            DataType type = declared != null ? declared : DataType.ANY;
            if (p.defaultValue() != null) {
                DataType given = type(p.defaultValue());
                if (declared != null && !given.fits(declared) && given.kind() != NULL) {
                    report(p.defaultValue().span(), "the default of '" + p.name() + "' is " + given.describe() + ", but it is declared " + declared.show(),
                            "make the default " + declared.describe() + ", or change the declared type");
                } else if (declared != null) {
                    literal(p.defaultValue(), declared);
                }
                if (declared == null) type = given.kind() == REPLY ? DataType.TEXT : given;
            }
            bind(p.name(), type);
        }
        block(workflow.body());
    }

    private void bind(String name, DataType type) {
        assigned.merge(name, type, DataType::join);
    }

    private void block(Block block) {
        for (Stmt s : block.statements()) statement(s);
    }

    private void statement(Stmt s) {
        switch (s) {
            case Stmt.Assign a -> bind(a.name(), type(a.value()));
            case Stmt.For f -> {
                DataType items = type(f.items());
                if (items.kind() != LIST && items.kind() != ANY) {
                    report(f.items().span(), "`for` walks a list, but this is " + items.describe(), forHint(items.kind()));
                }
                count(f.max(), "parallel max");
                bind(f.variable(), items.value() instanceof DataType.ListOf l ? l.item() : DataType.ANY);
                if (f.where() != null) condition(f.where(), "where");
                block(f.body());
                if (f.into() != null) bind(f.into(), DataType.of(LIST));
            }
            case Stmt.If i -> {
                for (Stmt.Branch b : i.branches()) {
                    condition(b.condition(), "if");
                    block(b.body());
                }
                if (i.otherwise() != null) block(i.otherwise());
            }
            case Stmt.Loop l -> {
                count(l.max(), "loop max");
                block(l.body());
                if (l.until() != null) condition(l.until(), "until");
            }
            case Stmt.Retry r -> {
                count(r.attempts(), "retry");
                duration(r.backoff(), "backoff");
                duration(r.maxBackoff(), "the backoff's max");
                block(r.body());
            }
            case Stmt.Timeout t -> {
                duration(t.duration(), "timeout");
                block(t.body());
            }
            case Stmt.Parallel p -> {
                count(p.max(), "parallel max");
                block(p.body());
            }
            case Stmt.Dag d -> {
                count(d.max(), "dag max");
                block(d.body());
            }
            case Stmt.Try t -> {
                block(t.body());
                for (Stmt.Catch c : t.catches()) {
                    if (c.as() != null) bind(c.as(), DataType.ANY);
                    block(c.body());
                }
                t.fallbacks().forEach(this::block);
            }
            case Stmt.Sequence q -> block(q.body());
            case Stmt.Race r -> block(r.body());
            case Stmt.Phase p -> block(p.body());
            case Stmt.Print p -> type(p.value());
            case Stmt.Return r -> {
                if (r.value() != null) returned(r.value());
            }
            case Stmt.Fail f -> type(f.message());
            case Stmt.Eval e -> type(e.value());
            case Stmt.Expect x -> {
                condition(x.condition(), "expect");
                if (x.message() != null) type(x.message());
            }
            case Stmt.Break b -> { }
        }
    }

    /** `return x` in a workflow declared `-> T`: x must fit T. */
    private void returned(Expr value) {
        DataType t = type(value);
        if (current.returns() == null) return;
        DataType declared = types.resolve(current.returns());
        if (!t.fits(declared)) {
            report(value.span(), "workflow '" + current.name() + "' returns " + declared.show() + ", but this is " + t.describe(),
                    fitHint(t, declared));
        } else {
            literal(value, declared);
        }
    }

    private static String fitHint(DataType given, DataType expected) {
        if (expected.value() instanceof DataType.Obj o && given.value() instanceof DataType.Obj g) {
            for (DataType.Field f : o.fields()) {
                DataType.Field field = g.field(f.name());
                if (field == null && !f.optional()) return "it lacks the field '" + f.name() + "'";
                if (field != null && !field.type().fits(f.type())) return "its field '" + f.name() + "' is " + field.type().describe() + ", not " + f.type().show();
            }
        }
        return given.kind().isTextual() && expected.value() instanceof DataType.Obj ? "turn JSON text into it with json(x) as " + expected.show()
                : "give it " + expected.describe();
    }

    /** A text literal where a union is expected must be one of the union's texts. */
    private void literal(Expr value, DataType expected) {
        if (value instanceof Expr.Text text && expected.value() instanceof DataType.Union u && !u.literals().contains(text.value())) {
            report(value.span(), "\"" + text.value() + "\" is not one of " + u.show(),
                    Suggest.didYouMean(text.value(), u.literals(), "write one of " + u.show()));
        }
    }

    private void condition(Expr e, String keyword) {
        Type t = type(e).kind();
        if (t == BOOL || t == ANY) return;
        String hint = switch (t) {
            case TEXT, REPLY -> "compare it: x contains \"...\", x == \"...\" or len(x) > 0";
            case NUMBER -> "compare it: n > 0";
            case LIST, MAP -> "test its size: len(xs) > 0";
            case DURATION -> "compare it with another duration: d > 5s";
            default -> "write a comparison, such as x != null";
        };
        report(e.span(), "the condition of `" + keyword + "` is " + t.describe() + ", not true or false", hint);
    }

    private static String forHint(Type t) {
        return switch (t) {
            case TEXT, REPLY -> "walk its lines(x), or split(x, \",\") to cut it";
            case NUMBER -> "to repeat a number of times, use loop max N { ... }";
            case MAP -> "maps are not walked; keep the items in a list: [a, b]";
            default -> "give `for` a list: for x in [a, b] { ... }";
        };
    }

    private void count(Expr e, String what) {
        if (e == null) return;
        Type t = type(e).kind();
        Object c = Values.constant(e);
        if (c instanceof Double d && (d != Math.rint(d) || d < 1)) {
            report(e.span(), what + " needs a whole number of at least 1", "write a count such as 3");
        } else if (!t.fits(NUMBER)) {
            report(e.span(), what + " needs a number, but this is " + t.describe(),
                    t == DURATION ? "a count has no unit: write 3, not 3s" : "write a count such as 3");
        }
    }

    private void duration(Expr e, String what) {
        if (e == null) return;
        Type t = type(e).kind();
        if (t.fits(DURATION)) return;
        report(e.span(), what + " needs a duration, but this is " + t.describe(),
                e instanceof Expr.Num n ? "add a unit: " + Values.format(n.value()) + "s or " + Values.format(n.value()) + "ms"
                        : "write a number and a unit: 250ms, 30s, 5m or 1h");
    }

    // ---- expressions ----------------------------------------------------------------------------------------

    DataType type(Expr e) {
        return switch (e) {
            case Expr.Name n -> lookup(n.name());
            case Expr.Text t -> DataType.TEXT;
            case Expr.Num n -> DataType.NUMBER;
            case Expr.Bool b -> DataType.BOOL;
            case Expr.Null n -> DataType.NULL;
            case Expr.Duration d -> DataType.DURATION;
            case Expr.Template t -> {
                t.parts().forEach(this::type);
                yield DataType.TEXT;
            }
            case Expr.ListOf l -> {
                // A literal's items stay unknown: `for d in [60, 1]` may pass d where a duration is wanted, as in v0.
                l.items().forEach(this::type);
                yield DataType.of(LIST);
            }
            case Expr.MapOf m -> {
                for (Entry en : m.entries()) type(en.value());
                yield new DataType.MapOf();
            }
            case Expr.Field f -> field(f);
            case Expr.Index i -> index(i);
            case Expr.Call c -> call(c);
            case Expr.Unary u -> DataType.of(unary(u));
            case Expr.Binary b -> binary(b);
            case Expr.As a -> as(a);
        };
    }

    /**
     * What a name holds here: what was assigned to it so far in this walk, joined with everything assigned to it
     * in the previous walk (later statements, other rounds of a loop, other statements of a dag).
     */
    private DataType lookup(String name) {
        DataType now = assigned.get(name);
        DataType before = known.get(name);
        if (now == null) return before == null ? DataType.ANY : before;
        return before == null ? now : now.join(before);
    }

    private DataType field(Expr.Field f) {
        DataType full = type(f.target());
        DataType value = full.value();
        if (value instanceof DataType.Obj o) {
            DataType.Field field = o.field(f.name());
            if (field != null) return field.optional() ? new DataType.Nullable(field.type()) : field.type();
            ReplyField reply = full instanceof DataType.Reply ? ReplyField.find(f.name()) : null;
            if (reply != null) return DataType.of(reply.type);
            List<String> names = o.fieldNames();
            report(f.span(), (o.name() != null ? o.name() : AstPrinter.print(f.target())) + " has no field '" + f.name() + "'",
                    Suggest.didYouMean(f.name(), names, names.isEmpty() ? "it has no fields" : "its fields are " + Suggest.allOf(names)));
            return DataType.ANY;
        }
        Type target = full.kind();
        switch (target) {
            case REPLY -> {
                ReplyField field = ReplyField.find(f.name());
                if (field != null) return DataType.of(field.type);
                report(f.span(), "a reply has no field '" + f.name() + "'",
                        Suggest.didYouMean(f.name(), REPLY_FIELDS, "a reply's fields are " + Suggest.allOf(REPLY_FIELDS)));
                return DataType.ANY;
            }
            case MAP, ANY -> {
                ReplyField field = full instanceof DataType.Reply ? ReplyField.find(f.name()) : null;
                return field != null ? DataType.of(field.type) : DataType.ANY;
            }
            default -> {
                if (full instanceof DataType.Reply) {
                    ReplyField field = ReplyField.find(f.name());
                    if (field != null) return DataType.of(field.type);
                }
                boolean replyField = ReplyField.find(f.name()) != null;
                report(f.span(), (target == NULL ? "null" : target.describe()) + " has no field '" + f.name() + "'",
                        replyField ? "only a reply (what an agent call returns) has " + f.name() + "; this value is not one"
                                : "fields are read from maps and replies");
                return DataType.ANY;
            }
        }
    }

    private DataType index(Expr.Index i) {
        DataType full = type(i.target());
        Type target = full.kind();
        Type index = type(i.index()).kind();
        switch (target) {
            case LIST -> {
                if (!index.fits(NUMBER)) report(i.index().span(), "a list is indexed by a number, but this is " + index.describe(), "items count from 0: xs[0]");
                return full.value() instanceof DataType.ListOf l ? l.item() : DataType.ANY;
            }
            case MAP -> {
                if (!index.fits(TEXT)) report(i.index().span(), "a map is indexed by text, but this is " + index.describe(), "write the key in quotes: m[\"name\"], or m.name");
                if (full.value() instanceof DataType.Obj o && i.index() instanceof Expr.Text key) {
                    DataType.Field field = o.field(key.value());
                    if (field != null) return field.optional() ? new DataType.Nullable(field.type()) : field.type();
                    report(i.index().span(), (o.name() != null ? o.name() : AstPrinter.print(i.target())) + " has no field '" + key.value() + "'",
                            Suggest.didYouMean(key.value(), o.fieldNames(), "its fields are " + Suggest.allOf(o.fieldNames())));
                }
                return DataType.ANY;
            }
            case TEXT, REPLY -> {
                if (!index.fits(NUMBER)) report(i.index().span(), "text is indexed by a number, but this is " + index.describe(), "characters count from 0: s[0]");
                return DataType.TEXT;
            }
            case ANY -> {
                return DataType.ANY;
            }
            default -> {
                report(i.span(), target.describe() + " cannot be indexed", "index a list (xs[0]), a map (m[\"key\"]) or a text");
                return DataType.ANY;
            }
        }
    }

    /** `x as T`: JSON text, a map or a list, converted and checked at run time; T must be a known type. */
    private DataType as(Expr.As a) {
        DataType value = type(a.value());
        DataType target = types.resolve(a.type(), reporting ? diagnostics : null);
        Type k = value.kind();
        if (!k.isTextual() && k != LIST && k != MAP && k != ANY) {
            report(a.value().span(), "`as` converts JSON text, a map or a list, not " + value.describe(),
                    "write the value as JSON text first: \"{x}\"");
        }
        return target;
    }

    private DataType call(Expr.Call c) {
        Declarations.Global g = declarations.find(c.callee());
        if (g != null && g.kind() == Declarations.Kind.AGENT) {
            if (!c.args().isEmpty()) {
                Type prompt = type(c.args().get(0)).kind();
                if (!prompt.fits(TEXT)) {
                    report(c.args().get(0).span(), "a prompt is text, but this is " + prompt.describe(),
                            prompt == LIST || prompt == MAP ? "put it into text: \"{x}\" shows it as JSON, or join(xs, \"\\n\")"
                                    : "put it into text: \"{x}\"");
                }
            }
            for (int i = 1; i < c.args().size(); i++) type(c.args().get(i));
            options(c, Keys.AGENT_CALL);
            DataType output = output((Decl.Agent) g.decl(), 0);
            if (output != null) return new DataType.Reply(output);
            // `format: "json"` gives a map or a list (decision 3), whose shape the compiler does not know.
            return json(c, (Decl.Agent) g.decl()) ? new DataType.Reply(DataType.ANY) : DataType.REPLY;
        }
        if (g != null && g.kind() == Declarations.Kind.WORKFLOW) {
            Decl.Workflow w = (Decl.Workflow) g.decl();
            List<Decl.Param> params = w.params();
            for (int i = 0; i < c.args().size(); i++) {
                argument(c.args().get(i), i < params.size() ? params.get(i) : null, c.callee());
            }
            for (Expr.Option o : c.options()) {
                argument(o.value(), params.stream().filter(p -> p.name().equals(o.name())).findFirst().orElse(null), c.callee());
            }
            return w.returns() == null ? DataType.ANY : types.resolve(w.returns());
        }
        Builtin b = Builtin.find(c.callee());
        if (b == null) {
            AstWalk.children(c).forEach(this::type);
            return DataType.ANY;
        }
        List<DataType> given = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr arg = c.args().get(i);
            DataType full = type(arg);
            given.add(full);
            Type t = full.kind();
            if (b.params.isEmpty()) continue;
            Type expected = b.param(i).type();
            if (!t.fits(expected)) {
                report(arg.span(), b.callName + " expects " + expected.describe() + " for " + b.param(i).name() + ", but this is " + t.describe(),
                        argumentHint(expected, t, b));
            }
        }
        options(c, b.options);
        return result(b, given);
    }

    /** What a builtin gives, as precisely as its arguments tell: `sort(issues)` is a list of what issues holds. */
    private static DataType result(Builtin b, List<DataType> given) {
        DataType first = given.isEmpty() ? DataType.ANY : given.get(0).value();
        return switch (b) {
            case SORT, UNIQUE -> first instanceof DataType.ListOf ? first : DataType.of(b.result);
            case SLICE -> first instanceof DataType.ListOf || first.kind().isTextual() ? first : DataType.ANY;
            case MIN, MAX -> given.size() == 1 && first instanceof DataType.ListOf l ? l.item() : DataType.ANY;
            case JSON -> first instanceof DataType.ListOf || first.kind() == MAP ? first : DataType.ANY;
            default -> DataType.of(b.result);
        };
    }

    /** The `output:` type of an agent or the agent it extends, or null for a text reply. */
    private DataType output(Decl.Agent a, int depth) {
        if (a.output() != null) return types.resolve(a.output());
        if (a.parent() == null || depth > 50) return null;
        Declarations.Global parent = declarations.find(a.parent(), Declarations.Kind.AGENT);
        return parent == null ? null : output((Decl.Agent) parent.decl(), depth + 1);
    }

    /** Whether the call asks for `format: "json"`: its own option, else the agent's key or one it inherits. */
    private boolean json(Expr.Call c, Decl.Agent agent) {
        for (Expr.Option o : c.options()) {
            if (o.name().equals("format")) return o.value() instanceof Expr.Text t && t.value().equals("json");
        }
        Decl.Agent a = agent;
        for (int depth = 0; a != null && depth <= 50; depth++) {
            for (var e : a.entries()) {
                if (e.key().equals("format")) return e.value() instanceof Expr.Text t && t.value().equals("json");
            }
            Declarations.Global parent = a.parent() == null ? null : declarations.find(a.parent(), Declarations.Kind.AGENT);
            a = parent == null ? null : (Decl.Agent) parent.decl();
        }
        return false;
    }

    private static String argumentHint(Type expected, Type given, Builtin b) {
        if (expected == DURATION && given == NUMBER) return "add a unit: 500ms, 2s";
        if (expected == TEXT) return "turn it into text with str(x) or \"{x}\"";
        if (expected == LIST && given.isTextual()) return "make a list first: lines(x) or split(x, \",\")";
        return "write it as " + b.signature();
    }

    private void argument(Expr value, Decl.Param param, String workflow) {
        DataType t = type(value);
        DataType declared = param == null || param.type() == null ? null : types.resolve(param.type());
        if (declared != null && !t.fits(declared)) {
            report(value.span(), "'" + param.name() + "' of workflow '" + workflow + "' is " + declared.show() + ", but this is " + t.describe(),
                    "pass " + declared.describe() + " (the parameter is declared at " + param.span().position() + ")");
        } else if (declared != null) {
            literal(value, declared);
        }
    }

    private void options(Expr.Call c, List<Key> accepted) {
        for (Expr.Option o : c.options()) {
            Type t = type(o.value()).kind();
            Key key = Keys.find(accepted, o.name());
            if (key != null && reporting) values.checkExpression(key, o.value(), t);
        }
    }

    private Type unary(Expr.Unary u) {
        Type t = type(u.operand()).kind();
        if (u.op() == Expr.UnaryOp.NOT) {
            if (!t.fits(BOOL)) report(u.span(), "`not` needs true or false, but this is " + t.describe(), "compare first: not (x == \"\")");
            return BOOL;
        }
        if (t == NUMBER || t == DURATION || t == ANY) return t;
        report(u.span(), "'-' needs a number, but this is " + t.describe(), "negate numbers only");
        return ANY;
    }

    private DataType binary(Expr.Binary b) {
        DataType left = type(b.left());
        DataType right = type(b.right());
        if (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE) {
            compared(b.left(), left, b.right());
            compared(b.right(), right, b.left());
            return DataType.BOOL;
        }
        if (b.op() == Expr.BinaryOp.ADD && left.value() instanceof DataType.ListOf l && right.value() instanceof DataType.ListOf r) {
            return l.join(r);
        }
        return DataType.of(operator(b, left.kind(), right.kind()));
    }

    /** `r.verdict == "aprove"`: a value of a union type compared with a text outside it can never be equal. */
    private void compared(Expr side, DataType type, Expr other) {
        if (type.value() instanceof DataType.Union u && other instanceof Expr.Text text && !u.literals().contains(text.value())) {
            report(other.span(), "\"" + text.value() + "\" is not one of " + AstPrinter.print(side) + "'s values, " + u.show() + ", so this is never equal",
                    Suggest.didYouMean(text.value(), u.literals(), "compare with one of " + u.show()));
        }
    }

    private Type operator(Expr.Binary b, Type l, Type r) {
        String op = b.op().symbol;
        switch (b.op()) {
            case AND, OR -> {
                if (!l.fits(BOOL)) report(b.left().span(), "`" + op + "` needs true or false on both sides, but the left is " + l.describe(), "compare it first: len(x) > 0");
                if (!r.fits(BOOL)) report(b.right().span(), "`" + op + "` needs true or false on both sides, but the right is " + r.describe(), "compare it first: len(x) > 0");
                return BOOL;
            }
            case EQ, NE -> {
                return BOOL;
            }
            case LT, LE, GT, GE -> {
                if (l != ANY && r != ANY && !(l == r || l.isTextual() && r.isTextual()) || !orderable(l) || !orderable(r)) {
                    report(b.span(), "'" + op + "' compares two numbers, two durations or two texts, not " + l.describe() + " and " + r.describe(),
                            l.isTextual() || r.isTextual() ? "turn text into a number with num(x)" : "compare values of one kind");
                }
                return BOOL;
            }
            case CONTAINS -> {
                if (l != ANY && !l.isTextual() && l != LIST && l != MAP) {
                    report(b.span(), "`contains` looks inside a text, list or map, not " + l.describe(), "write it as text contains \"word\"");
                } else if (l.isTextual() && !r.fits(TEXT)) {
                    report(b.span(), "a text contains text, not " + r.describe(), "put it into text: \"{x}\"");
                }
                return BOOL;
            }
            case MATCHES -> {
                if (!l.fits(TEXT)) report(b.span(), "`matches` tests text, not " + l.describe(), "write it as text matches \"regex\"");
                if (!r.fits(TEXT)) report(b.span(), "`matches` needs a regular expression in quotes, not " + r.describe(), "write it as text matches \"^[0-9]+$\"");
                if (b.right() instanceof Expr.Text regex) {
                    try {
                        Pattern.compile(regex.value());
                    } catch (PatternSyntaxException e) {
                        report(b.right().span(), "not a valid regular expression: " + e.getDescription(),
                                "escape a literal ( [ { . * + ? with a backslash, written \\\\ inside quotes");
                    }
                }
                return BOOL;
            }
            case ADD -> {
                return add(b, l, r);
            }
            default -> {
                return arithmetic(b, l, r);
            }
        }
    }

    private static boolean orderable(Type t) {
        return t == ANY || t == NUMBER || t == DURATION || t.isTextual();
    }

    private Type add(Expr.Binary b, Type l, Type r) {
        if (l.isTextual() && r.isTextual()) return TEXT;
        if (l == r && (l == LIST || l == NUMBER || l == DURATION)) return l;
        if (l == ANY || r == ANY) {
            Type other = l == ANY ? r : l;
            if (other.isTextual()) return TEXT;
            if (other == LIST || other == ANY) return other;
            if (other == NUMBER || other == DURATION) return ANY;
        }
        String hint = l.isTextual() || r.isTextual() ? "build text with interpolation: \"{a}{b}\""
                : l == LIST ? "add one item as a list: xs + [x]" : "'+' adds numbers or durations, joins texts and joins lists";
        report(b.span(), "cannot add " + l.describe() + " and " + r.describe(), hint);
        return ANY;
    }

    private Type arithmetic(Expr.Binary b, Type l, Type r) {
        boolean ok = switch (b.op()) {
            case SUB -> l == r && (l == NUMBER || l == DURATION);
            case MUL -> l == NUMBER && r == NUMBER || l == DURATION && r == NUMBER || l == NUMBER && r == DURATION;
            case DIV -> l == NUMBER && r == NUMBER || l == DURATION && (r == NUMBER || r == DURATION);
            default -> l == NUMBER && r == NUMBER;
        };
        if (ok) {
            if (b.op() == Expr.BinaryOp.DIV && l == DURATION) return r == DURATION ? NUMBER : DURATION;
            return l == DURATION || r == DURATION ? DURATION : NUMBER;
        }
        boolean numeric = (l == ANY || l == NUMBER || l == DURATION) && (r == ANY || r == NUMBER || r == DURATION);
        if (numeric && (l == ANY || r == ANY)) return ANY;
        report(b.span(), "'" + b.op().symbol + "' cannot combine " + l.describe() + " and " + r.describe(),
                l.isTextual() || r.isTextual() ? "turn text into a number with num(x)" : "arithmetic works on numbers and durations");
        return ANY;
    }

    private void report(Span span, String message, String hint) {
        if (reporting) diagnostics.error(span, message, hint);
    }
}
