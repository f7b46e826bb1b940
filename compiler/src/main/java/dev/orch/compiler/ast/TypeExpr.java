package dev.orch.compiler.ast;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A type as written: `text`, `[T]`, `{ name: T, notes?: T }`, `Review`, `"approve" | "revise"`, `T?`. One shape for
 * every place a type is written (`type` declarations, parameters, `-> T`, `output: T`, `as T`, tool parameters);
 * the checker resolves names. Plans keep them, so they are part of the plan's JSON too.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TypeExpr.Named.class, name = "named"),
    @JsonSubTypes.Type(value = TypeExpr.ListOf.class, name = "list"),
    @JsonSubTypes.Type(value = TypeExpr.Obj.class, name = "object"),
    @JsonSubTypes.Type(value = TypeExpr.Union.class, name = "union"),
    @JsonSubTypes.Type(value = TypeExpr.Nullable.class, name = "nullable"),
})
public sealed interface TypeExpr {
    Span span();

    /** A built-in type (`text`, `number`, `bool`, `any`, `duration`, `list`, `map`) or a declared type's name. */
    record Named(Span span, String name) implements TypeExpr {}

    record ListOf(Span span, TypeExpr item) implements TypeExpr {}

    /** `{ name: T, notes?: T }`; also the body of a `type` declaration. */
    record Obj(Span span, List<Field> fields) implements TypeExpr {}

    /** `"approve" | "revise"`: one of these texts. */
    record Union(Span span, List<String> literals) implements TypeExpr {}

    /** `T?`: a T or null. */
    record Nullable(Span span, TypeExpr inner) implements TypeExpr {}

    /** `name: T`, or `name?: T` when the field may be missing or null. */
    record Field(String name, Span span, boolean optional, TypeExpr type) {}
}
