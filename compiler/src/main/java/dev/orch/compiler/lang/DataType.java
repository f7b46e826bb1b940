package dev.orch.compiler.lang;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A type with its structure, once names are resolved: what the checker follows through a workflow, what a typed
 * agent's reply is validated against, and what providers turn into a JSON schema. {@link #kind()} is the coarse
 * {@link Type} that the older checks and the builtin table speak.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DataType.Text.class, name = "text"),
    @JsonSubTypes.Type(value = DataType.Num.class, name = "number"),
    @JsonSubTypes.Type(value = DataType.Bool.class, name = "bool"),
    @JsonSubTypes.Type(value = DataType.Duration.class, name = "duration"),
    @JsonSubTypes.Type(value = DataType.Any.class, name = "any"),
    @JsonSubTypes.Type(value = DataType.Null.class, name = "null"),
    @JsonSubTypes.Type(value = DataType.Reply.class, name = "reply"),
    @JsonSubTypes.Type(value = DataType.ListOf.class, name = "list"),
    @JsonSubTypes.Type(value = DataType.MapOf.class, name = "map"),
    @JsonSubTypes.Type(value = DataType.Obj.class, name = "object"),
    @JsonSubTypes.Type(value = DataType.Union.class, name = "union"),
    @JsonSubTypes.Type(value = DataType.Nullable.class, name = "nullable"),
})
public sealed interface DataType {
    DataType TEXT = new Text();
    DataType NUMBER = new Num();
    DataType BOOL = new Bool();
    DataType DURATION = new Duration();
    DataType ANY = new Any();
    DataType NULL = new Null();
    /** What an untyped agent call returns: text with the reply's fields. */
    DataType REPLY = new Reply(TEXT);

    record Text() implements DataType {}

    record Num() implements DataType {}

    record Bool() implements DataType {}

    record Duration() implements DataType {}

    /** Not known at compile time; never the cause of a diagnostic. */
    record Any() implements DataType {}

    record Null() implements DataType {}

    /** An agent call's result: its value (text, or its `output:` type) that also has `.tokens_in`, `.cost`, ... */
    record Reply(DataType value) implements DataType {}

    record ListOf(DataType item) implements DataType {}

    /** A map whose keys are not known: `map`, or what untyped JSON gives. */
    record MapOf() implements DataType {}

    /** An object with known fields; {@code name} is the declared type's name, or null for `{ ... }` written inline. */
    record Obj(String name, List<Field> fields) implements DataType {
        public Field field(String fieldName) {
            for (Field f : fields) if (f.name().equals(fieldName)) return f;
            return null;
        }

        @JsonIgnore
        public List<String> fieldNames() {
            return fields.stream().map(Field::name).toList();
        }
    }

    /** `name: T`; an optional field (`name?: T`) may be missing or null. */
    record Field(String name, boolean optional, DataType type) {}

    /** One of these texts: `"approve" | "revise"`. */
    record Union(List<String> literals) implements DataType {}

    /** `T?`: a T or null. */
    record Nullable(DataType inner) implements DataType {}

    /** The coarse kind older checks and the builtin table use. */
    default Type kind() {
        return switch (this) {
            case Text t -> Type.TEXT;
            case Union u -> Type.TEXT;
            case Num n -> Type.NUMBER;
            case Bool b -> Type.BOOL;
            case Duration d -> Type.DURATION;
            case Any a -> Type.ANY;
            case Null n -> Type.NULL;
            case Reply r -> r.value() instanceof Text ? Type.REPLY : r.value().kind();
            case ListOf l -> Type.LIST;
            case MapOf m -> Type.MAP;
            case Obj o -> Type.MAP;
            case Nullable n -> n.inner().kind();
        };
    }

    /** The structured type of a coarse kind (a list of anything, a map of unknown keys). */
    static DataType of(Type t) {
        return switch (t) {
            case TEXT -> TEXT;
            case NUMBER -> NUMBER;
            case BOOL -> BOOL;
            case DURATION -> DURATION;
            case LIST -> new ListOf(ANY);
            case MAP -> new MapOf();
            case REPLY -> REPLY;
            case NULL -> NULL;
            case ANY -> ANY;
        };
    }

    /** The value behind a reply and a nullable: what fields, items and comparisons are read from. */
    default DataType value() {
        if (this instanceof Reply r) return r.value().value();
        if (this instanceof Nullable n) return n.inner().value();
        return this;
    }

    /** How the type is written in Orch: `text`, `[text]`, `Review`, `"a" | "b"`, `number?`. */
    default String show() {
        return switch (this) {
            case Text t -> "text";
            case Num n -> "number";
            case Bool b -> "bool";
            case Duration d -> "duration";
            case Any a -> "any";
            case Null n -> "null";
            case Reply r -> r.value() instanceof Text ? "reply" : r.value().show();
            case ListOf l -> "[" + l.item().show() + "]";
            case MapOf m -> "map";
            case Obj o -> o.name() != null ? o.name() : o.fields().stream()
                    .map(f -> f.name() + (f.optional() ? "?" : "") + ": " + f.type().show())
                    .collect(Collectors.joining(", ", "{ ", " }"));
            case Union u -> u.literals().stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(" | "));
            case Nullable n -> (n.inner() instanceof Union ? "(" + n.inner().show() + ")" : n.inner().show()) + "?";
        };
    }

    /** The words a message uses: "a text", "a list of text", "a Review". */
    default String describe() {
        return switch (this) {
            case ListOf l when !(l.item() instanceof Any) -> "a list of " + l.item().show();
            case Obj o -> o.name() != null ? "a " + o.name() : "an object " + show();
            case Union u -> "one of " + show();
            case Nullable n -> n.inner().describe() + " or null";
            case Reply r when !(r.value() instanceof Text) -> r.value().describe();
            default -> kind().describe();
        };
    }

    /** The least type covering both; where they differ in shape, {@link #ANY} (as the coarse lattice does). */
    /**
     * Equal types. A record's generated equals costs milliseconds the first time it runs (BENCHMARKS.md, start-up),
     * and the types a check compares are nearly always the constants above, or of different kinds: neither needs it.
     */
    static boolean same(DataType a, DataType b) {
        return a == b || a.getClass() == b.getClass() && a.equals(b);
    }

    default DataType join(DataType other) {
        if (same(this, other)) return this;
        if (this instanceof Union a && other instanceof Union b) {
            LinkedHashSet<String> all = new LinkedHashSet<>(a.literals());
            all.addAll(b.literals());
            return new Union(new ArrayList<>(all));
        }
        if (this instanceof Nullable n && (other instanceof Null || same(n.inner(), other))) return this;
        if (other instanceof Nullable n && (this instanceof Null || same(n.inner(), this))) return other;
        if (this instanceof ListOf a && other instanceof ListOf b) return new ListOf(a.item().join(b.item()));
        if (this instanceof Reply a && other instanceof Reply b) return new Reply(a.value().join(b.value()));
        return of(kind().join(other.kind()));
    }

    /**
     * Whether a value of this type may stand where {@code expected} is wanted. Unknown types always may, and so may a
     * text where a union is wanted (the literal check is the checker's), as the coarse lattice allows.
     */
    default boolean fits(DataType expected) {
        DataType self = this instanceof Reply r ? r.value() : this;
        if (self instanceof Any || expected instanceof Any || same(self, expected)) return true;
        return switch (expected) {
            case Nullable n -> self instanceof Null || (self instanceof Nullable m ? m.inner() : self).fits(n.inner());
            case Union u -> self instanceof Text || self instanceof Union v && u.literals().containsAll(v.literals());
            case Text t -> self instanceof Union || self.kind().isTextual() || self instanceof Nullable n && n.inner().fits(t);
            case ListOf l -> self instanceof ListOf m && m.item().fits(l.item());
            case MapOf m -> self instanceof MapOf || self instanceof Obj;
            case Obj o -> self instanceof MapOf || self instanceof Obj s && o.fields().stream().allMatch(f -> {
                Field given = s.field(f.name());
                if (given == null) return f.optional();
                return given.type().fits(f.optional() ? new Nullable(f.type()) : f.type());
            });
            default -> self instanceof Nullable n ? n.inner().fits(expected) : self.kind().fits(expected.kind());
        };
    }
}
