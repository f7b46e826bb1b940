package dev.orch.compiler.ast;

/** `key: value` in a declaration body or a map literal. */
public record Entry(String key, Span keySpan, Expr value) {}
