package dev.orch.compiler.ast;

import java.util.List;

/** `{ ... }` after a statement keyword; its span is the opening brace, which parse errors point back to. */
public record Block(Span span, List<Stmt> statements) {}
