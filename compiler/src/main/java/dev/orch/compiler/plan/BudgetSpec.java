package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Span;

/** The run's ceiling; either bound may be null when not declared. */
public record BudgetSpec(Long tokens, Double cost, Span span) {}
