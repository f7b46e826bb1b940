package dev.orch.compiler.check;

import dev.orch.compiler.ast.Decl;
import dev.orch.compiler.ast.Span;
import dev.orch.compiler.ast.TypeExpr;
import dev.orch.compiler.diag.Diagnostics;
import dev.orch.compiler.lang.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns type expressions into {@link DataType}s: the built-in type names, the program's `type` declarations (each
 * resolved once), lists, objects, unions and `T?`. Resolving with diagnostics reports unknown names with a
 * did-you-mean, a field declared twice, a literal listed twice, and a type that contains itself (types are resolved
 * into finite trees, which the validator, the schemas and the mock's smallest value walk); without diagnostics an
 * unknown name is {@link DataType#ANY}.
 */
public final class DeclaredTypes {
    static final List<String> BUILT_IN = List.of("text", "number", "bool", "any", "duration", "list", "map");
    private static final Map<String, String> ALIASES = Map.of("string", "text", "str", "text", "int", "number",
            "integer", "number", "float", "number", "boolean", "bool", "array", "list", "object", "map", "dict", "map");

    private final Declarations declarations;
    private final Map<String, DataType> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    DeclaredTypes(Declarations declarations) {
        this.declarations = declarations;
    }

    /** Every declared type by name, resolved: what the plan records. */
    public Map<String, DataType> all() {
        Map<String, DataType> out = new LinkedHashMap<>();
        for (String name : declarations.names(Declarations.Kind.TYPE)) out.put(name, declared(name));
        return out;
    }

    /** The type a written type expression means, without reporting anything. */
    public DataType resolve(TypeExpr t) {
        return resolve(t, null);
    }

    /** The type a written type expression means; mistakes in it go to {@code diagnostics} unless that is null. */
    public DataType resolve(TypeExpr t, Diagnostics diagnostics) {
        return resolve(t, diagnostics, "");
    }

    /** As {@link #resolve(TypeExpr, Diagnostics)}; {@code where} ends an unknown name's message: " for parameter 'x'". */
    public DataType resolve(TypeExpr t, Diagnostics diagnostics, String where) {
        return switch (t) {
            case TypeExpr.Named n -> named(n, diagnostics, where);
            case TypeExpr.ListOf l -> new DataType.ListOf(resolve(l.item(), diagnostics, where));
            case TypeExpr.Nullable n -> new DataType.Nullable(resolve(n.inner(), diagnostics, where));
            case TypeExpr.Union u -> {
                Set<String> seen = new HashSet<>();
                for (String literal : u.literals()) {
                    if (!seen.add(literal) && diagnostics != null) {
                        diagnostics.error(u.span(), "\"" + literal + "\" is listed twice in this union", "list each text once");
                    }
                }
                yield new DataType.Union(List.copyOf(new java.util.LinkedHashSet<>(u.literals())));
            }
            case TypeExpr.Obj o -> object(null, o, diagnostics);
        };
    }

    /** The body of `type NAME { ... }`, checked. */
    void checkDeclaration(Decl.Type d, Diagnostics diagnostics) {
        if (BUILT_IN.contains(d.name())) {
            diagnostics.error(d.nameSpan(), "'" + d.name() + "' is a built-in type", "choose another name for the type");
            return;
        }
        TypeExpr.Named cycle = firstUseOf(d.name(), d.body(), new HashSet<>());
        if (cycle != null) {
            diagnostics.error(cycle.span(), "type '" + d.name() + "' contains itself"
                            + (cycle.name().equals(d.name()) ? "" : " through '" + cycle.name() + "'")
                            + "; a type cannot refer to itself, directly or through other types",
                    "spell the inner part out, or make it `any`");
            return;
        }
        object(d.name(), d.body(), diagnostics);
    }

    /** The first name in {@code t} whose type reaches {@code target} (itself included), or null. */
    private TypeExpr.Named firstUseOf(String target, TypeExpr t, Set<String> visited) {
        return switch (t) {
            case TypeExpr.Named n -> {
                if (n.name().equals(target)) yield n;
                Declarations.Global g = declarations.find(n.name(), Declarations.Kind.TYPE);
                if (g == null || !visited.add(n.name())) yield null;
                yield firstUseOf(target, ((Decl.Type) g.decl()).body(), visited) != null ? n : null;
            }
            case TypeExpr.ListOf l -> firstUseOf(target, l.item(), visited);
            case TypeExpr.Nullable n -> firstUseOf(target, n.inner(), visited);
            case TypeExpr.Union u -> null;
            case TypeExpr.Obj o -> {
                for (TypeExpr.Field f : o.fields()) {
                    TypeExpr.Named found = firstUseOf(target, f.type(), visited);
                    if (found != null) yield found;
                }
                yield null;
            }
        };
    }

    private DataType.Obj object(String name, TypeExpr.Obj o, Diagnostics diagnostics) {
        List<DataType.Field> fields = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        for (TypeExpr.Field f : o.fields()) {
            Span first = seen.putIfAbsent(f.name(), f.span());
            if (first != null) {
                if (diagnostics != null) {
                    diagnostics.error(f.span(), "field '" + f.name() + "' is declared twice; the first is at " + first.position(),
                            "give each field its own name");
                }
                continue;
            }
            DataType type = resolve(f.type(), diagnostics);
            fields.add(new DataType.Field(f.name(), f.optional(), type));
        }
        return new DataType.Obj(name, List.copyOf(fields));
    }

    /** A built-in type by name, or null. */
    static DataType builtIn(String name) {
        return switch (name) {
            case "text" -> DataType.TEXT;
            case "number" -> DataType.NUMBER;
            case "bool" -> DataType.BOOL;
            case "any" -> DataType.ANY;
            case "duration" -> DataType.DURATION;
            case "list" -> new DataType.ListOf(DataType.ANY);
            case "map" -> new DataType.MapOf();
            default -> null;
        };
    }

    /**
     * A type expression inside a plan, whose declared types are already resolved (the plan's {@code types}): what the
     * interpreter uses for `as T`. A name the plan lacks is {@link DataType#ANY}; the checker reported it.
     */
    public static DataType resolveIn(TypeExpr t, Map<String, DataType> declared) {
        return switch (t) {
            case TypeExpr.Named n -> {
                DataType b = builtIn(n.name());
                yield b != null ? b : declared.getOrDefault(n.name(), DataType.ANY);
            }
            case TypeExpr.ListOf l -> new DataType.ListOf(resolveIn(l.item(), declared));
            case TypeExpr.Nullable n -> new DataType.Nullable(resolveIn(n.inner(), declared));
            case TypeExpr.Union u -> new DataType.Union(List.copyOf(new java.util.LinkedHashSet<>(u.literals())));
            case TypeExpr.Obj o -> new DataType.Obj(null, o.fields().stream()
                    .map(f -> new DataType.Field(f.name(), f.optional(), resolveIn(f.type(), declared))).toList());
        };
    }

    private DataType named(TypeExpr.Named n, Diagnostics diagnostics, String where) {
        DataType builtIn = builtIn(n.name());
        if (builtIn != null) return builtIn;
        Declarations.Global g = declarations.find(n.name());
        if (g == null || g.kind() != Declarations.Kind.TYPE) {
            if (diagnostics != null) {
                List<String> declared = declarations.names(Declarations.Kind.TYPE).stream().filter(t -> !BUILT_IN.contains(t)).toList();
                List<String> names = new ArrayList<>(BUILT_IN);
                names.addAll(declared);
                String alias = ALIASES.get(n.name());
                String message = g == null ? "unknown type '" + n.name() + "'" + where
                        : "'" + n.name() + "' is " + g.article() + ", not a type";
                String all = "the types are " + String.join(", ", BUILT_IN)
                        + (declared.isEmpty() ? ", and those declared with `type NAME { ... }`" : ", and the declared " + Suggest.allOf(declared));
                diagnostics.error(n.span(), message, alias != null ? "did you mean '" + alias + "'?" : Suggest.didYouMean(n.name(), names, all));
            }
            return DataType.ANY;
        }
        return declared(n.name());
    }

    private DataType declared(String name) {
        if (resolving.contains(name)) return DataType.ANY;  // a cycle, reported at its declaration
        DataType done = resolved.get(name);
        if (done != null) return done;
        Decl.Type d = (Decl.Type) declarations.find(name, Declarations.Kind.TYPE).decl();
        resolving.add(name);
        try {
            // Mistakes inside a declaration are reported once, by checkDeclaration, not at every use.
            DataType type = object(name, d.body(), null);
            resolved.put(name, type);
            return type;
        } finally {
            resolving.remove(name);
        }
    }
}
