package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;

/** Where an agent call happens, as its events, journal entries and errors name it. */
record CallSite(String task, String phase, int attempt, Span span) {}
