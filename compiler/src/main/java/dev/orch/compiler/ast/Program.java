package dev.orch.compiler.ast;

import java.util.List;

/** One parsed source file. */
public record Program(String file, List<Decl> declarations) {
    public <T extends Decl> List<T> all(Class<T> type) {
        return declarations.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
