package dev.orch.cli.lsp;

import dev.orch.compiler.check.Declarations;

/** What a name in a script stands for: one symbol, however many places mention it. */
sealed interface Symbol {
    String name();

    /** A top-level declaration (a test's replacement of it is the same symbol). */
    record Global(String name, Declarations.Kind kind) implements Symbol {}

    /** A workflow's (or a test's) parameter, assigned name, loop variable or caught error. */
    record Local(String scope, String name) implements Symbol {}

    /** A field read from a local name, `verdict.score`: its type says what the field is. */
    record Field(String scope, String target, String name) implements Symbol {}

    /** A builtin function, such as `len` or `sh`. */
    record Builtin(String name) implements Symbol {}

    /** The file an `import` names; {@code name} is the path as resolved. */
    record File(String name) implements Symbol {}
}
