package dev.orch.compiler.lang;

/** A positional parameter of a builtin: its name as shown in help and messages, and the type it accepts. */
public record Param(String name, Type type) {}
