package dev.orch.compiler.ast;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** An expression. Plans keep expressions as they are, so these records are also part of the plan's JSON. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Expr.Name.class, name = "name"),
    @JsonSubTypes.Type(value = Expr.Text.class, name = "text"),
    @JsonSubTypes.Type(value = Expr.Num.class, name = "number"),
    @JsonSubTypes.Type(value = Expr.Bool.class, name = "bool"),
    @JsonSubTypes.Type(value = Expr.Null.class, name = "null"),
    @JsonSubTypes.Type(value = Expr.Duration.class, name = "duration"),
    @JsonSubTypes.Type(value = Expr.Template.class, name = "template"),
    @JsonSubTypes.Type(value = Expr.ListOf.class, name = "list"),
    @JsonSubTypes.Type(value = Expr.MapOf.class, name = "map"),
    @JsonSubTypes.Type(value = Expr.Field.class, name = "field"),
    @JsonSubTypes.Type(value = Expr.Index.class, name = "index"),
    @JsonSubTypes.Type(value = Expr.Call.class, name = "call"),
    @JsonSubTypes.Type(value = Expr.Unary.class, name = "unary"),
    @JsonSubTypes.Type(value = Expr.Binary.class, name = "binary"),
    @JsonSubTypes.Type(value = Expr.As.class, name = "as"),
})
public sealed interface Expr {
    Span span();

    record Name(Span span, String name) implements Expr {}

    record Text(Span span, String value) implements Expr {}

    record Num(Span span, double value) implements Expr {}

    record Bool(Span span, boolean value) implements Expr {}

    record Null(Span span) implements Expr {}

    record Duration(Span span, long millis) implements Expr {}

    /** An interpolated string: text parts and `{expr}` parts in order. */
    record Template(Span span, List<Expr> parts) implements Expr {}

    record ListOf(Span span, List<Expr> items) implements Expr {}

    record MapOf(Span span, List<Entry> entries) implements Expr {}

    record Field(Span span, Expr target, String name) implements Expr {}

    record Index(Span span, Expr target, Expr index) implements Expr {}

    /** `f(x, key: value)`: an agent, a workflow or a builtin, resolved by name. */
    record Call(Span span, String callee, Span calleeSpan, List<Expr> args, List<Option> options) implements Expr {
        public Expr option(String name) {
            for (Option o : options) if (o.name().equals(name)) return o.value();
            return null;
        }
    }

    record Unary(Span span, UnaryOp op, Expr operand) implements Expr {}

    record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {}

    /** `value as T`: a checked conversion of JSON text (or a map or list) to a value of type T. */
    record As(Span span, Expr value, TypeExpr type) implements Expr {}

    /** A named argument of a call: `max_tokens: 800`. */
    record Option(String name, Span span, Expr value) {}

    enum UnaryOp { NOT, NEGATE }

    enum BinaryOp {
        MUL("*"), DIV("/"), MOD("%"), ADD("+"), SUB("-"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains"), MATCHES("matches"),
        AND("and"), OR("or");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= MATCHES.ordinal();
        }

        public boolean isLogical() {
            return this == AND || this == OR;
        }
    }
}
