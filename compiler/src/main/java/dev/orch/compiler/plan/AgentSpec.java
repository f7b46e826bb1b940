package dev.orch.compiler.plan;

import dev.orch.compiler.ast.Span;

/** An agent with `extends` already applied: every key it or an ancestor set. Absent keys are null. */
public record AgentSpec(
        String name,
        String extendsAgent,
        String model,
        String system,
        Double temperature,
        Integer maxTokens,
        String format,
        Long timeoutMs,
        String breaker,
        Span span) {}
