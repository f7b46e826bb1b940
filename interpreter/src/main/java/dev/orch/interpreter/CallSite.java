package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;

/** Where an agent call happens, as its events, journal entries and errors name it; {@code label} may be null. */
record CallSite(String task, String phase, int attempt, Span span, String label) {}
