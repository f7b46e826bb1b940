package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Span;

public record BreakerSpec(String name, int failures, long windowMs, long cooldownMs, Span span) {}
