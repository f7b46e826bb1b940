package dev.orch.compiler.ast;

import java.util.List;

/** One parsed source file: its declarations and its `test` blocks (which only `orch test` and `orch check` read). */
public record Program(String file, List<Decl> declarations, List<Test> tests) {
    public Program {
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    public Program(String file, List<Decl> declarations) {
        this(file, declarations, List.of());
    }

    public <T extends Decl> List<T> all(Class<T> type) {
        return declarations.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
